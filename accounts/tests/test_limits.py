import pytest

from accounts.limits import PLANS, LimitReached, check_persona_allowed, limits_for
from accounts.models import Plan, User


def test_every_plan_has_its_limits_and_higher_plans_give_more():
    assert set(PLANS) == set(Plan.values)
    free, pro, team = PLANS[Plan.FREE], PLANS[Plan.PRO], PLANS[Plan.TEAM]
    assert free.personas == 1 and pro.personas is None and team.personas is None
    assert not free.tailoring and pro.tailoring and team.tailoring
    assert free.exports_per_month and pro.exports_per_month is None and team.exports_per_month is None
    assert team.team_seats > 0


def test_the_persona_check_counts_against_the_plan():
    free, pro = User(email="a@example.com", plan=Plan.FREE), User(email="b@example.com", plan=Plan.PRO)
    check_persona_allowed(user=free, existing=0)
    check_persona_allowed(user=pro, existing=500)
    assert limits_for(User(email="c@example.com", plan="unknown")) == PLANS[Plan.FREE]


def test_a_free_user_with_a_persona_is_refused_with_what_pro_gives():
    with pytest.raises(LimitReached) as refused:
        check_persona_allowed(user=User(email="a@example.com", plan=Plan.FREE), existing=1)
    assert "Free plan keeps 1 persona" in str(refused.value) and refused.value.upgrade == PLANS[Plan.PRO]
