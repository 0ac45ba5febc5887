"""Error classes of the people list found on the fourth held-out set (names
below are invented): names in two parts joined by a middle dot, a surname the
segmenter left alone before a given name it tagged as a name, civil-service
ranks and building roles before the name."""
from __future__ import annotations

import pytest

from nlp.components.people import name_after
from nlp.pipeline import run


def people(text: str) -> list[tuple[str, list[str]]]:
    return [(p["name"], p["roles"]) for p in run(text, {}).user_data["dangjian"]["people"]]


@pytest.mark.parametrize("text,expected", [
    ("买买提·吐尔洪介绍，", "买买提·吐尔洪"),
    ("周海燕每天都会", "周海燕"),     # 周|海燕(nr)|每天(r)
    ("王磊在会上", "王磊"),
])
def test_people_name_after(text, expected):
    assert name_after(text, 0) == expected


@pytest.mark.parametrize("text,expected", [
    ("云岭高新区天山新能源股份有限公司党委书记、董事长买买提·吐尔洪介绍，公司党委牵头建链。",
     [("买买提·吐尔洪", ["党委书记", "董事长"])]),
    ("云岭高新区楼长、物业公司党支部书记周海燕每天都到楼层走访。", [("周海燕", ["楼长", "党支部书记"])]),
    ("党建指导员、城关区委社会工作部四级主任科员胡振宇负责联系4栋楼宇。", [("胡振宇", ["党建指导员", "主任科员"])]),
])
def test_people_role_chains_and_dotted_names(text, expected):
    assert people(text) == expected
