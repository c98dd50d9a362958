"""The people list's rows rendered in Python: the markup the template's loop gave, everything escaped."""

from __future__ import annotations

import datetime as dt

from django.template import engines

from tests.factories import make_person
from thidua.people.list_html import people_rows
from thidua.people.models import Person

# The loop ``templates/people/list.html`` had before its rows were rendered in Python.
TEMPLATE_ROW = (
    "{% for p in people %}"
    '<tr><td><a href="{{ person_base }}{{ p.pk }}/">{{ p.full_name }}</a></td><td>{{ p.date_of_birth|date:"d/m/Y" }}</td>'
    '<td>{{ p.current_unit.name|default:"—" }}</td><td>{{ p.current_position }}</td></tr>'
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


def test_rows_are_the_template_rows_with_odd_values(world):
    make_person(name="Lê <b>Văn</b> An & Co", unit=world.school_a, position="Tổ trưởng <i>phó</i>")
    nobody = make_person(name="Đỗ Thị Không Đơn Vị", unit=world.school_a)
    Person.objects.filter(pk=nobody.pk).update(current_unit=None, date_of_birth=None, current_position="")
    Person.objects.filter(pk=world.person_a.pk).update(date_of_birth=dt.date(1985, 3, 7))
    people = list(Person.objects.select_related("current_unit").order_by("sort_key", "id"))
    expected = engines["django"].from_string(TEMPLATE_ROW).render({"people": people, "person_base": "/people/"})
    html = people_rows(people, "/people/")
    assert html == expected
    assert "07/03/1985" in html and "<b>" not in html and "<i>" not in html and "<td>—</td>" in html


def test_the_list_page_shows_the_rows_and_says_when_nobody_matches(client, world):
    client.force_login(world.officer_school_a)
    body = client.get("/people/").content.decode()
    assert f'<a href="/people/{world.person_a.pk}/">Nguyễn Thị Hoà</a>' in body
    assert "Không tìm thấy ai." in client.get("/people/", {"q": "zzzz"}).content.decode()
