"""Realistic Vietnamese personal names, place names and unit names for seeded data.

Everything draws from a caller's ``random.Random`` so a seed reproduces the same data. Weights follow
the rough frequency of family names in Vietnam (Nguyễn alone is about 38 %).
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

# (family name, weight in per mille)
FAMILY_NAMES: list[tuple[str, int]] = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Huỳnh", 30), ("Phan", 45),
    ("Vũ", 39), ("Võ", 25), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Đào", 6), ("Đoàn", 5), ("Vương", 3), ("Trịnh", 5), ("Trương", 5), ("Lâm", 3), ("Mai", 4),
    ("Tạ", 2), ("Hà", 4), ("Lương", 3), ("Tô", 2), ("Đinh", 4), ("Cao", 3), ("Lưu", 2), ("Chu", 2), ("Kiều", 1),
    ("Quách", 1), ("Thái", 1), ("Châu", 1), ("Triệu", 1), ("Khổng", 1), ("Văn", 1), ("Mạc", 1),
]  # fmt: skip

MIDDLE_MALE: list[tuple[str, int]] = [
    ("Văn", 40), ("Hữu", 10), ("Đức", 10), ("Minh", 10), ("Thanh", 6), ("Quang", 6), ("Công", 5), ("Xuân", 4),
    ("Ngọc", 3), ("Đình", 6), ("Trọng", 4), ("Tiến", 3), ("Mạnh", 2), ("Quốc", 4), ("Anh", 2), ("Hoàng", 2),
    ("Văn Minh", 1), ("Hữu Thanh", 1), ("Duy", 3), ("Tuấn", 2), ("Thế", 3),
]  # fmt: skip
MIDDLE_FEMALE: list[tuple[str, int]] = [
    ("Thị", 55), ("Ngọc", 8), ("Thanh", 7), ("Minh", 5), ("Thu", 6), ("Hồng", 5), ("Phương", 4), ("Thúy", 3),
    ("Kim", 4), ("Diệu", 2), ("Bích", 3), ("Hải", 2), ("Thị Thu", 3), ("Thị Minh", 2), ("Thị Thanh", 3),
    ("Khánh", 2), ("Mai", 2), ("Tuyết", 2), ("Quỳnh", 2),
]  # fmt: skip

GIVEN_MALE: list[str] = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Dương", "Đạt", "Đông", "Đức", "Giang",
    "Hải", "Hào", "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khang", "Khánh", "Khoa", "Kiên",
    "Lâm", "Linh", "Lộc", "Long", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc", "Nhân", "Phong", "Phúc", "Phương",
    "Quân", "Quang", "Quý", "Sơn", "Tài", "Tân", "Thái", "Thắng", "Thành", "Thịnh", "Thông", "Tiến", "Toàn", "Trí",
    "Trung", "Trường", "Tuấn", "Tùng", "Vinh", "Việt", "Vũ", "Xuân",
]  # fmt: skip
GIVEN_FEMALE: list[str] = [
    "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa",
    "Hoài", "Hồng", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân",
    "Ngọc", "Nguyệt", "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thanh", "Thắm",
    "Thơ", "Thu", "Thủy", "Thúy", "Trang", "Trâm", "Tuyết", "Uyên", "Vân", "Yến",
]  # fmt: skip

# Ethnic groups with rough weights among education staff (Kinh dominates).
ETHNICITIES: list[tuple[str, int]] = [
    ("Kinh", 900), ("Tày", 20), ("Thái", 18), ("Mường", 15), ("Khmer", 12), ("Hoa", 8), ("Nùng", 8),
    ("H'Mông", 6), ("Dao", 5), ("Gia Rai", 3), ("Ê Đê", 3), ("Ba Na", 2),
]  # fmt: skip

# Syllables that make up Vietnamese commune, ward and school names (Sino-Vietnamese auspicious words).
PLACE_SYLLABLES: list[str] = [
    "An", "Bình", "Bảo", "Cát", "Châu", "Đại", "Điền", "Đoài", "Đông", "Đồng", "Đức", "Gia", "Giao", "Hà", "Hải",
    "Hòa", "Hoàng", "Hồng", "Hợp", "Hưng", "Hương", "Khánh", "Kim", "Lạc", "Lâm", "Liên", "Lộc", "Lợi", "Long",
    "Minh", "Mỹ", "Nam", "Nghĩa", "Ngọc", "Nhân", "Phong", "Phú", "Phúc", "Phương", "Quang", "Quỳnh", "Sơn",
    "Tân", "Tây", "Thạch", "Thái", "Thanh", "Thành", "Thịnh", "Thọ", "Thuận", "Thượng", "Tiến", "Trung", "Trực",
    "Tường", "Vân", "Việt", "Vĩnh", "Xuân", "Yên",
]  # fmt: skip

# Famous figures whose names schools often carry (upper secondary, multi-level).
NOTABLES: list[str] = [
    "Lê Quý Đôn", "Nguyễn Du", "Trần Hưng Đạo", "Chu Văn An", "Nguyễn Trãi", "Lê Hồng Phong", "Phan Bội Châu",
    "Nguyễn Khuyến", "Trần Phú", "Lương Thế Vinh", "Nguyễn Huệ", "Hùng Vương", "Lý Thường Kiệt", "Ngô Quyền",
    "Trần Quốc Tuấn", "Nguyễn Bỉnh Khiêm", "Phan Đình Phùng", "Võ Thị Sáu", "Nguyễn Thị Minh Khai", "Hoàng Văn Thụ",
    "Lê Lợi", "Quang Trung", "Tô Hiến Thành", "Mạc Đĩnh Chi", "Nguyễn Văn Trỗi", "Lê Thánh Tông", "Chu Văn An",
]  # fmt: skip

# The 63 provinces before 1 July 2025 grouped into the 34 that exist after it: the first name of each group
# is the province that keeps its name (and its department absorbs the others).
PROVINCE_GROUPS: list[tuple[str, ...]] = [
    ("Hà Nội",), ("Huế",), ("Lai Châu",), ("Điện Biên",), ("Sơn La",), ("Lạng Sơn",), ("Quảng Ninh",),
    ("Thanh Hóa",), ("Nghệ An",), ("Hà Tĩnh",), ("Cao Bằng",),
    ("Tuyên Quang", "Hà Giang"), ("Lào Cai", "Yên Bái"), ("Thái Nguyên", "Bắc Kạn"),
    ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"), ("Bắc Ninh", "Bắc Giang"), ("Hưng Yên", "Thái Bình"),
    ("Hải Phòng", "Hải Dương"), ("Ninh Bình", "Nam Định", "Hà Nam"), ("Quảng Trị", "Quảng Bình"),
    ("Đà Nẵng", "Quảng Nam"), ("Quảng Ngãi", "Kon Tum"), ("Gia Lai", "Bình Định"), ("Khánh Hòa", "Ninh Thuận"),
    ("Lâm Đồng", "Đắk Nông", "Bình Thuận"), ("Đắk Lắk", "Phú Yên"),
    ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"), ("Đồng Nai", "Bình Phước"), ("Tây Ninh", "Long An"),
    ("Cần Thơ", "Sóc Trăng", "Hậu Giang"), ("Vĩnh Long", "Bến Tre", "Trà Vinh"), ("Đồng Tháp", "Tiền Giang"),
    ("Cà Mau", "Bạc Liêu"), ("An Giang", "Kiên Giang"),
]  # fmt: skip

CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}

TEAMS_BY_LEVEL: dict[str, list[str]] = {
    "preschool": ["Tổ Nhà trẻ", "Tổ Mẫu giáo", "Tổ Văn phòng"],
    "primary": ["Tổ chuyên môn khối 1-2", "Tổ chuyên môn khối 3", "Tổ chuyên môn khối 4-5", "Tổ Văn phòng"],
    "lower_secondary": ["Tổ Khoa học tự nhiên", "Tổ Khoa học xã hội", "Tổ Toán - Tin", "Tổ Văn phòng"],
    "upper_secondary": ["Tổ Toán", "Tổ Ngữ văn", "Tổ Vật lý - Công nghệ", "Tổ Ngoại ngữ", "Tổ Văn phòng"],
    "multi_level": ["Tổ Tiểu học", "Tổ Trung học", "Tổ Văn phòng"],
    "continuing": ["Tổ Văn hóa", "Tổ Hướng nghiệp", "Tổ Hành chính"],
    "college": ["Khoa Sư phạm", "Khoa Ngoại ngữ", "Phòng Đào tạo"],
    "university": ["Khoa Toán - Tin", "Khoa Ngữ văn", "Khoa Giáo dục Tiểu học", "Phòng Tổ chức cán bộ"],
}


def province_code(name: str) -> str:
    """Short upper-case code for a province: the initials of its syllables ("Nam Định" -> "NĐ" -> "ND")."""
    from thidua.core.vietnamese import fold

    letters = "".join(w[0] for w in fold(name).replace("-", " ").split())
    return letters.upper()


class Weighted:
    """Fast weighted choice over a fixed list."""

    def __init__(self, items: list[tuple[str, int]]) -> None:
        self.values = [v for v, _ in items]
        self.cum = list(accumulate(w for _, w in items))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect(self.cum, rng.random() * self.total)]


_FAMILY = Weighted(FAMILY_NAMES)
_MIDDLE = {"male": Weighted(MIDDLE_MALE), "female": Weighted(MIDDLE_FEMALE)}
_GIVEN = {"male": GIVEN_MALE, "female": GIVEN_FEMALE}
_ETHNIC = Weighted(ETHNICITIES)


def person_name(rng: random.Random, gender: str) -> str:
    """A full name such as "Nguyễn Thị Thu Hương" or "Trần Văn Đức"."""
    family = _FAMILY.pick(rng)
    middle = _MIDDLE[gender].pick(rng)
    given = rng.choice(_GIVEN[gender])
    if middle.endswith(given):  # avoid "Minh Minh"
        middle = "Văn" if gender == "male" else "Thị"
    return f"{family} {middle} {given}"


def ethnicity(rng: random.Random) -> str:
    return _ETHNIC.pick(rng)


def place_name(rng: random.Random) -> str:
    """A two-syllable commune or village name such as "Yên Tiến" or "Hải Hưng"."""
    first = rng.choice(PLACE_SYLLABLES)
    second = rng.choice(PLACE_SYLLABLES)
    while second == first:
        second = rng.choice(PLACE_SYLLABLES)
    return f"{first} {second}"


LEVEL_SCHOOL_PREFIX = {
    "preschool": "Trường Mầm non",
    "primary": "Trường Tiểu học",
    "lower_secondary": "Trường THCS",
    "upper_secondary": "Trường THPT",
    "multi_level": "Trường Phổ thông liên cấp",
    "continuing": "Trung tâm GDNN-GDTX",
    "college": "Trường Cao đẳng",
    "university": "Trường Đại học",
}


def school_name(rng: random.Random, level: str, place: str, province: str) -> str:
    prefix = LEVEL_SCHOOL_PREFIX[level]
    if level == "upper_secondary":
        return f"{prefix} {rng.choice(NOTABLES) if rng.random() < 0.4 else place}"
    if level == "multi_level":
        return f"{prefix} {rng.choice(NOTABLES)}"
    if level == "college":
        return f"{prefix} {rng.choice(['Sư phạm', 'Kỹ thuật', 'Y tế', 'Cộng đồng'])} {province}"
    if level == "university":
        return f"{prefix} {rng.choice(['Sư phạm', 'Khoa học', 'Kinh tế', 'Bách khoa', 'Ngoại ngữ', 'Nông lâm'])} {place}"
    return f"{prefix} {place}"
