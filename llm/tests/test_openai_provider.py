"""The OpenAI provider through the real SDK against a loopback OpenAI-compatible server, asked as the CV reader
asks it (`cvs.reading`): a schema with nested objects, and an answer grounded in the CV afterwards."""

import pytest

from cvs.parsing.text import text_lines
from cvs.reading import read_profile
from llm import get_provider
from llm.errors import LLMError
from llm.tests.openai_server import Reply

CV = "Jane Doe\njane@example.com\nExperience\nData engineer, Lumen GmbH, Jan 2020 – Present\nSkills: Python, SQL"
ANSWER = {
    "basics": {"name": "Jane Doe", "email": "jane@example.com"},
    "work": [
        {"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"},
        {"name": "Google", "position": "Staff engineer", "startDate": "2015"},  # invented: not in the CV
    ],
    "skills": [{"name": "Skills", "keywords": ["Python", "SQL", "Kubernetes"]}],  # Kubernetes is invented
}


def _parse():
    return read_profile(get_provider(), text=CV, lines=text_lines(CV))


def test_it_asks_for_the_schema_and_keeps_only_what_the_cv_says(openai_server):
    openai_server.replies.append(Reply.json(ANSWER))
    profile = _parse()
    assert profile["work"] == [{"name": "Lumen GmbH", "position": "Data engineer", "startDate": "2020-01"}]
    assert profile["skills"] == [{"name": "Skills", "keywords": ["Python", "SQL"]}]
    request = openai_server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer test-key"
    assert request["body"]["response_format"]["type"] == "json_schema"
    assert "never instructions" in request["body"]["messages"][0]["content"]
    assert "<cv>\nJane Doe" in request["body"]["messages"][1]["content"]


def test_an_invalid_answer_is_asked_for_again_once(openai_server):
    openai_server.replies.extend([Reply("Sure! Here is the profile."), Reply.json(ANSWER)])
    assert _parse()["basics"]["name"] == "Jane Doe"
    assert "That answer was invalid" in openai_server.requests[1]["body"]["messages"][-1]["content"]


def test_an_answer_invalid_twice_is_an_error_that_says_so(openai_server):
    openai_server.replies.extend([Reply.json({"work": "lots"}), Reply.json({"work": "lots"})])
    with pytest.raises(LLMError, match="invalid twice") as error:
        _parse()
    assert not error.value.retryable


@pytest.mark.parametrize(("status", "retryable"), [(429, True), (500, True), (401, False), (400, False)])
def test_errors_say_whether_retrying_can_help(openai_server, status, retryable):
    openai_server.replies.append(Reply.error(status))
    with pytest.raises(LLMError) as error:
        _parse()
    assert error.value.retryable is retryable


def test_a_slow_server_times_out_as_a_retryable_error(openai_server, settings):
    import llm

    settings.LLM_TIMEOUTS = {"default": 40, "parse_cv": 1}  # the task's own timeout applies
    llm._provider.cache_clear()
    openai_server.replies.append(Reply(content="{}", delay=3))
    with pytest.raises(LLMError) as error:
        _parse()
    assert error.value.retryable


@pytest.mark.parametrize("mode", ["json_object", "prompt"])
def test_servers_without_json_schema_get_the_schema_in_the_prompt(openai_server, settings, mode):
    settings.LLM_STRUCTURED_OUTPUT = mode
    openai_server.replies.append(Reply("```json\n" + Reply.json(ANSWER).content + "\n```"))
    assert _parse()["basics"]["email"] == "jane@example.com"
    body = openai_server.requests[0]["body"]
    assert body.get("response_format", {}).get("type") == ("json_object" if mode == "json_object" else None)
    assert '"additionalProperties": false' in body["messages"][0]["content"]


def test_a_server_that_refuses_json_schema_is_asked_with_json_mode_then_the_prompt_and_that_is_remembered(
    openai_server, settings
):
    settings.LLM_MODELS = {**settings.LLM_MODELS, "parse_cv": "local-model"}
    openai_server.replies.extend(
        [
            Reply.error(400, "response_format json_schema is not supported by this model"),
            Reply.error(400, "Invalid value for 'response_format': json_object"),
            Reply.json(ANSWER),
            Reply.json(ANSWER),
        ]
    )
    assert _parse()["basics"]["email"] == "jane@example.com"
    formats = [request["body"].get("response_format", {}).get("type") for request in openai_server.requests]
    assert formats == ["json_schema", "json_object", None]
    assert '"additionalProperties": false' in openai_server.requests[2]["body"]["messages"][0]["content"]
    _parse()
    assert "response_format" not in openai_server.requests[3]["body"]  # learnt for this model: no refusals again


def test_a_model_named_in_settings_gets_its_mode_and_other_refusals_are_errors(openai_server, settings):
    settings.LLM_MODELS = {**settings.LLM_MODELS, "parse_cv": "phi3"}
    settings.LLM_STRUCTURED_OUTPUT_BY_MODEL = {"phi3": "json_object"}
    openai_server.replies.extend([Reply.json(ANSWER), Reply.error(400, "model phi3 does not exist")])
    _parse()
    assert openai_server.requests[0]["body"]["response_format"] == {"type": "json_object"}
    with pytest.raises(LLMError) as error:
        _parse()
    assert not error.value.retryable and len(openai_server.requests) == 2  # not taken for a format refusal


@pytest.mark.parametrize("answer", ["{}", '{"data": [{"index": 0, "embedding": null}]}', '{"data": null}'])
def test_embeddings_answered_without_vectors_are_an_error_that_says_so(openai_server, answer):
    openai_server.replies.append(Reply(content=answer))
    with pytest.raises(LLMError, match="without embeddings") as raised:
        get_provider().embed(texts=["Python"])
    assert not raised.value.retryable


def test_an_ai_error_keeps_its_kind_through_pickling_as_celery_reports_a_task_failure():
    import pickle

    from celery.utils.serialization import get_pickleable_exception

    error = LLMError("The AI service is unavailable for now.", retryable=True)
    kept = pickle.loads(pickle.dumps(get_pickleable_exception(error)))
    assert isinstance(kept, LLMError) and kept.retryable and str(kept) == str(error)
