"""Near-duplicate detection of initiatives on a synthetic set with planted paraphrases: precision and recall of
``initiatives.similarity`` at the "rất giống" (0.85) and "tương tự" (0.65) thresholds, and the time to rescore the
200 candidates the PostgreSQL trigram prefilter hands over. Pure Python (no database):

    DJANGO_DEBUG=1 .venv/bin/python bench/initiative_duplicates.py [n_originals]

Each original (subject × grade × method × goal, a summary and a solution from templates) gets one planted
paraphrase of a random kind: synonyms swapped ("biện pháp"/"giải pháp", "thông qua"/"qua" …), diacritics dropped,
a sentence added, words reordered in the solution, or the title reworded with the body kept. Distractors share
subject and grade but not method (the hard negatives a school really has). A pair counts as found when the
paraphrase's best match is its original at or above the threshold.
"""

from __future__ import annotations

import os
import random
import sys
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from thidua.initiatives.similarity import SIMILAR, VERY_CLOSE, Doc, rank

SUBJECTS = ["Toán", "Ngữ văn", "Tiếng Anh", "Vật lí", "Hóa học", "Sinh học", "Lịch sử", "Địa lí", "Tin học", "Âm nhạc", "Mĩ thuật",
            "Giáo dục công dân", "Công nghệ", "Thể dục", "Khoa học tự nhiên"]  # fmt: skip
METHODS = ["trò chơi học tập", "bản đồ tư duy", "dạy học theo dự án", "thí nghiệm thực hành", "lớp học đảo ngược", "học tập hợp tác nhóm nhỏ",
           "ứng dụng phần mềm trình chiếu", "phiếu học tập", "sân khấu hóa", "kể chuyện", "trải nghiệm thực tế", "câu hỏi gợi mở"]  # fmt: skip
GOALS = ["học tốt", "yêu thích", "ghi nhớ lâu", "tự học", "phát triển năng lực", "rèn kĩ năng trình bày"]
SYNONYMS = [("biện pháp", "giải pháp"), ("thông qua", "qua"), ("học sinh", "các em học sinh"), ("giáo viên", "thầy cô"),
            ("tổ chức", "triển khai"), ("nâng cao", "cải thiện"), ("hiệu quả", "kết quả tốt")]  # fmt: skip


def original(rng: random.Random, i: int) -> tuple[str, str]:
    subject, method, goal, grade = rng.choice(SUBJECTS), rng.choice(METHODS), rng.choice(GOALS), rng.randint(1, 12)
    title = f"Một số biện pháp giúp học sinh lớp {grade} {goal} môn {subject} thông qua {method}"
    n = rng.randint(2, 6)
    summary = (
        f"Giáo viên tổ chức {method} trong các tiết {subject}, chia lớp thành nhóm {n} em và đánh giá bằng phiếu tiêu chí số {i % 97}."
    )
    steps = rng.sample(["chuẩn bị học liệu", "giao nhiệm vụ", "theo dõi nhóm", "nhận xét", "tổng kết", "cho học sinh tự đánh giá",
                        "trưng bày sản phẩm", "mời phụ huynh dự"], 4)  # fmt: skip
    solution = f"Bước một {steps[0]}, bước hai {steps[1]}, bước ba {steps[2]}, bước bốn {steps[3]}; áp dụng tại lớp {grade}A từ tháng {rng.randint(9, 12)}."
    return title, f"{summary} {solution}"


def strip_marks(text: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return out.replace("đ", "d").replace("Đ", "D")


def paraphrase(rng: random.Random, title: str, body: str) -> tuple[str, str, str]:
    kind = rng.choice(["synonyms", "no_diacritics", "added_sentence", "reordered", "new_title"])
    if kind == "synonyms":
        for a, b in SYNONYMS:
            title, body = title.replace(a, b), body.replace(a, b)
    elif kind == "no_diacritics":
        title, body = strip_marks(title), strip_marks(body)
    elif kind == "added_sentence":
        body += " Kết quả cho thấy học sinh tiến bộ rõ rệt, tự tin hơn khi phát biểu."
    elif kind == "reordered":
        parts = body.split(", ")
        rng.shuffle(parts)
        body = ", ".join(parts)
    else:
        title = title.replace("Một số biện pháp giúp", "Kinh nghiệm giúp").replace("thông qua", "bằng")
    return title, body, kind


def main(n: int = 1000, seed: int = 20261204) -> None:
    rng = random.Random(seed)
    originals = [Doc(f"o{i}", *original(rng, i)) for i in range(n)]
    queries = []
    for o in originals:
        t, b, kind = paraphrase(rng, o.title, o.body)
        queries.append((Doc(f"p{o.key}", t, b), o.key, kind))
    pool = originals
    found = {VERY_CLOSE: 0, SIMILAR: 0}
    flagged = {VERY_CLOSE: 0, SIMILAR: 0}
    correct_flag = {VERY_CLOSE: 0, SIMILAR: 0}
    misses: dict[float, dict[str, int]] = {VERY_CLOSE: {}, SIMILAR: {}}
    times = []
    for q, target, kind in queries:
        # The prefilter hands over 200 candidates: the original and 199 others (hard negatives of the same subject first).
        subject = q.title.split(" môn ")[-1].split(" ")[0]
        others = [d for d in pool if d.key != target]
        same = [d for d in others if subject in d.title][:150]
        candidates = [next(d for d in pool if d.key == target), *same, *rng.sample(others, 200 - 1 - len(same))]
        start = time.perf_counter()
        ranked = rank(q, candidates, limit=10, threshold=SIMILAR)
        times.append(time.perf_counter() - start)
        for th in (VERY_CLOSE, SIMILAR):
            hits = [m for m in ranked if m.score >= th]
            flagged[th] += len(hits)
            correct_flag[th] += sum(1 for m in hits if m.key == target)
            if hits and hits[0].key == target:
                found[th] += 1
            else:
                misses[th][kind] = misses[th].get(kind, 0) + 1
    times.sort()
    for th, label in ((VERY_CLOSE, "rất giống ≥ 0.85"), (SIMILAR, "tương tự ≥ 0.65")):
        precision = correct_flag[th] / flagged[th] if flagged[th] else 1.0
        print(f"{label}: recall {found[th] / n:.3f}, precision {precision:.3f} ({flagged[th]} flagged for {n} planted pairs)")
    print(f"misses by kind: ≥ 0.85 {misses[VERY_CLOSE] or 'none'}; ≥ 0.65 {misses[SIMILAR] or 'none'}")
    print(f"rescoring 200 candidates: median {times[len(times) // 2] * 1000:.1f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
