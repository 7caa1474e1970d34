"""Text embeddings: the offline model, and the OpenAI provider through a loopback OpenAI-compatible server.

No database here: embedding is a pure function of the text.
"""

import math

import pytest
from django.conf import settings

from llm import get_provider
from llm.errors import LLMError
from llm.offline import OfflineProvider
from llm.tests.openai_server import Reply, fake_embedding


def _cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))  # both are unit vectors


def test_offline_vectors_are_unit_vectors_of_the_stored_size():
    texts = ["Senior Python backend developer", "word " * 20_000, "", "\u2063"]  # far too long is fine
    vectors = OfflineProvider().embed(texts=texts)
    assert [len(vector) for vector in vectors] == [settings.EMBEDDING_DIMENSIONS] * 4 == [256] * 4
    norms = [math.sqrt(sum(value * value for value in vector)) for vector in vectors]
    assert norms == pytest.approx([1, 1, 0, 0], abs=1e-5)  # a text with no word the model knows: a zero vector


def test_offline_vectors_are_the_same_each_time():
    texts = ["Django engineer building APIs", "Pastry chef"]
    assert OfflineProvider().embed(texts=texts) == OfflineProvider().embed(texts=texts)


def test_offline_vectors_put_related_texts_closer_than_unrelated_ones():
    developer, django, chef = OfflineProvider().embed(
        texts=["Senior Python backend developer", "Django engineer building APIs", "Pastry chef in a French bakery"]
    )
    assert _cosine(developer, django) > _cosine(developer, chef) + 0.2


def test_no_texts_give_no_vectors():
    assert OfflineProvider().embed(texts=[]) == []


def test_openai_returns_the_services_vectors_at_the_stored_size(openai_server):
    vectors = get_provider().embed(texts=["Senior Python backend developer", ""])
    assert vectors == [fake_embedding("Senior Python backend developer", 256), fake_embedding("", 256)]
    request = openai_server.requests[0]
    assert request["path"] == "/v1/embeddings" and request["auth"] == "Bearer test-key"
    assert request["body"]["model"] == "text-embedding-3-small"
    assert request["body"]["dimensions"] == 256
    assert request["body"]["input"] == ["Senior Python backend developer", ""]


def test_openai_with_no_texts_asks_nothing(openai_server):
    assert get_provider().embed(texts=[]) == []
    assert openai_server.requests == []


def test_openai_vectors_of_the_wrong_size_are_an_error_that_says_so(openai_server):
    openai_server.embedding_dimensions = 1536  # a model that ignores `dimensions`
    with pytest.raises(LLMError, match="1536 dimensions, not 256") as error:
        get_provider().embed(texts=["Senior Python backend developer"])
    assert not error.value.retryable


def test_openai_answering_fewer_vectors_than_texts_is_an_error(openai_server):
    one = {"object": "embedding", "index": 0, "embedding": fake_embedding("a", 256)}
    usage = {"prompt_tokens": 2, "total_tokens": 2}
    openai_server.replies.append(Reply.json({"object": "list", "data": [one], "model": "m", "usage": usage}))
    with pytest.raises(LLMError, match="1 embeddings for 2 texts") as error:
        get_provider().embed(texts=["a", "b"])
    assert not error.value.retryable


@pytest.mark.parametrize(("status", "retryable"), [(429, True), (503, True), (401, False), (400, False)])
def test_openai_errors_say_whether_retrying_can_help(openai_server, status, retryable):
    openai_server.replies.append(Reply.error(status))
    with pytest.raises(LLMError) as error:
        get_provider().embed(texts=["a"])
    assert error.value.retryable is retryable
