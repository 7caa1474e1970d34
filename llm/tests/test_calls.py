"""Every AI task is recorded as an LLMCall, and a plan's monthly AI calls are counted before anything is sent."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.limits import LimitReached
from llm.calls import ai_calls_this_month, ai_usage_this_month, llm_call
from llm.errors import LLMError
from llm.models import LLMCall
from llm.tests.factories import LLMCallFactory
from llm.tests.openai_server import Reply
from llm.translation import translate_texts

pytestmark = pytest.mark.django_db


def _translate(user, texts=("Hello",)):
    with llm_call(user=user, task="translate_persona") as provider:
        return translate_texts(provider, texts=list(texts), language="German", document="CV")


def test_a_call_is_recorded_with_its_tokens_cost_and_latency(user, openai_server):
    openai_server.replies.append(Reply.json({"texts": [{"id": 0, "text": "Hallo"}]}))
    assert _translate(user) == ["Hallo"]
    call = LLMCall.objects.get()
    assert (call.user, call.task, call.provider, call.model) == (user, "translate_persona", "openai", "gpt-4o-mini")
    assert (call.tokens_in, call.tokens_out, call.outcome) == (12, 34, "ok")  # what the server said it used
    assert call.cost_usd == Decimal("0.0000222")  # 12 x $0.15 + 34 x $0.60 per million
    assert call.counts_against_plan and call.latency_ms >= 0


def test_a_failed_call_is_recorded_with_the_reason(user, openai_server):
    openai_server.replies.append(Reply.error(401, "bad key"))
    with pytest.raises(LLMError):
        _translate(user)
    call = LLMCall.objects.get()
    assert call.outcome == "error" and "refused the request (401)" in call.error
    assert not call.counts_against_plan and ai_calls_this_month(user=user) == 0  # a failure is not billed


def test_a_call_stopped_by_anything_else_is_recorded_too(user, openai_server):
    with pytest.raises(KeyError), llm_call(user=user, task="translate_persona"):
        raise KeyError("texts")
    call = LLMCall.objects.get()
    assert call.outcome == "error" and call.error == "KeyError: 'texts'"


def test_an_invalid_answer_asked_twice_records_the_tokens_of_both(user, openai_server):
    openai_server.replies.extend([Reply("no"), Reply("still no")])
    with pytest.raises(LLMError, match="invalid twice"):
        _translate(user)
    assert LLMCall.objects.get().tokens_in == 24


def test_the_plans_monthly_limit_is_checked_before_anything_is_sent(user, openai_server, settings):
    LLMCallFactory.create_batch(30, user=user, task="parse_cv")
    with pytest.raises(LimitReached, match="30 AI calls a month") as limit:
        _translate(user)
    assert "Pro gives 1000 a month" in str(limit.value)
    assert openai_server.requests == [] and LLMCall.objects.count() == 30
    user.plan = "pro"
    openai_server.replies.append(Reply.json({"texts": [{"id": 0, "text": "Hallo"}]}))
    assert _translate(user) == ["Hallo"]


def test_embeddings_and_the_offline_provider_are_recorded_but_not_counted(user, openai_server, settings):
    with llm_call(user=user, task="embed") as provider:
        provider.embed(texts=["Python developer"])
    assert LLMCall.objects.get().tokens_in == 5 and ai_calls_this_month(user=user) == 0
    import llm

    settings.LLM_PROVIDER = "llm.offline.OfflineProvider"
    llm._provider.cache_clear()
    with llm_call(user=user, task="parse_cv") as provider:
        assert provider.name == "offline"
    assert ai_calls_this_month(user=user) == 0 and LLMCall.objects.filter(provider="offline").exists()


def test_offline_there_is_no_translator_and_it_says_so(user):
    with pytest.raises(LLMError, match="needs an AI service") as error:
        _translate(user)
    assert not error.value.retryable


def test_staff_see_a_users_usage_and_every_call(client, staff_user, user, openai_server):
    openai_server.replies.append(Reply.json({"texts": [{"id": 0, "text": "Hallo"}]}))
    _translate(user)
    usage = ai_usage_this_month(user=user)
    assert (usage.metered_calls, usage.tokens) == (1, 46)
    client.force_login(staff_user)
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert "1 of 30 metered calls, 46 tokens" in page
    listing = client.get(reverse("admin:llm_llmcall_changelist")).content.decode()
    assert "translate_persona" in listing and "<strong>1</strong> calls" in listing
    assert client.get(reverse("admin:llm_llmcall_add")).status_code == 403
