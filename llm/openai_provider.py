"""The OpenAI provider: the official SDK, against OpenAI or any OpenAI-compatible server.

The only module that imports `openai`. Answers are asked for as JSON against the task's schema (by
`json_schema`, by JSON mode, or by the prompt alone, as the model supports), validated, and asked for
once more when invalid. What an answer may keep is for the app that asked: each grounds it in its data.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import openai
from django.conf import settings
from jsonschema import Draft202012Validator

from llm.errors import LLMError
from llm.provider import Provider
from llm.usage import report

log = logging.getLogger(__name__)

_RETRYABLE = (openai.RateLimitError, openai.APITimeoutError, openai.APIConnectionError, openai.InternalServerError)


class OpenAIProvider(Provider):
    name = "openai"
    metered = True
    language_model = True

    def __init__(self) -> None:
        self.client = openai.OpenAI(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL or None,
            timeout=settings.LLM_TIMEOUTS["default"],
            max_retries=0,  # retrying is the Celery task's call, with its own backoff
        )
        # Structured-output modes learnt from servers that refused a better one, by model, for this process.
        self.output_modes: dict[str, str] = {}

    def complete_json(
        self, *, task: str, instructions: str, payload: dict[str, Any], schema: dict[str, Any]
    ) -> dict[str, Any]:
        """The task's model (settings.LLM_MODELS) answers; the payload goes in the user message, each part between
        tags named after it, so the instructions can say which part is which."""
        content = "\n".join(
            f"<{tag}>\n{value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}\n</{tag}>"
            for tag, value in payload.items()
        )
        model = settings.LLM_MODELS.get(task, settings.LLM_MODELS["default"])
        while True:
            mode = self._output_mode(model)
            try:
                return self._answer(task, model, mode, schema, instructions, content)
            except _ModeRefused:
                fallback = _FALLBACK[mode]
                log.warning("%s refused %s output; asking with %s from now on", model, mode, fallback)
                self.output_modes[model] = fallback

    @property
    def embedder(self) -> str:
        return f"openai/{settings.LLM_MODELS.get('embed', 'text-embedding-3-small')}/{settings.EMBEDDING_DIMENSIONS}"

    def embed(self, *, texts: list[str]) -> list[list[float]]:
        """Vectors from the service, shortened to EMBEDDING_DIMENSIONS to fit the columns they are stored in.

        They are not comparable with the offline model's vectors: changing provider means embedding again.
        """
        if not texts:
            return []  # the API refuses an empty input
        dimensions = settings.EMBEDDING_DIMENSIONS
        model = settings.LLM_MODELS.get("embed", "text-embedding-3-small")
        with _service_errors():
            response = self.client.with_options(timeout=_timeout("embed")).embeddings.create(
                model=model,
                input=texts,
                dimensions=dimensions,
                # Floats, not the SDK's default base64: its decoder raises a bare ValueError on an empty
                # answer, where a short answer should reach the check below.
                encoding_format="float",
            )
        if response.usage:
            report(model=response.model or model, tokens_in=response.usage.prompt_tokens)
        if not isinstance(response.data, list) or not all(isinstance(item.embedding, list) for item in response.data):
            raise LLMError("The AI service answered without embeddings.", retryable=False)
        # The API answers in input order with an index on each; a server that reorders still gets it right.
        vectors = [item.embedding for item in sorted(response.data, key=lambda item: item.index or 0)]
        if len(vectors) != len(texts):
            raise LLMError(
                f"The AI service returned {len(vectors)} embeddings for {len(texts)} texts.", retryable=False
            )
        if any(len(vector) != dimensions for vector in vectors):
            sizes = sorted({len(vector) for vector in vectors})
            raise LLMError(
                f"The AI service returned embeddings of {', '.join(map(str, sizes))} dimensions, not {dimensions}; "
                "choose an embedding model that supports the dimensions parameter (LLM_MODEL_EMBED).",
                retryable=False,
            )
        return vectors

    def _output_mode(self, model: str) -> str:
        configured = settings.LLM_STRUCTURED_OUTPUT_BY_MODEL.get(model, settings.LLM_STRUCTURED_OUTPUT)
        return self.output_modes.get(model, configured)

    def _answer(
        self, task: str, model: str, mode: str, schema: dict[str, Any], instructions: str, content: str
    ) -> dict[str, Any]:
        messages = [{"role": "system", "content": instructions}, {"role": "user", "content": content}]
        if mode != "json_schema":
            messages[0]["content"] += "\nAnswer with one JSON object that follows this JSON schema:\n" + json.dumps(
                schema
            )
        validator = Draft202012Validator(schema)
        problem = ""
        for _attempt in range(2):  # an invalid answer is asked for once more, with what was wrong
            raw = self._complete(task, model, messages, mode, schema)
            try:
                answer = json.loads(_json_part(raw))
            except json.JSONDecodeError as error:
                problem = f"not JSON ({error.msg})"
            else:
                errors = sorted(validator.iter_errors(answer), key=lambda e: list(e.path))
                if not errors:
                    return answer
                problem = errors[0].message
            messages += [
                {"role": "assistant", "content": raw},
                {"role": "user", "content": f"That answer was invalid: {problem}. Answer again with valid JSON only."},
            ]
        raise LLMError(f"The model's answer for {task} was invalid twice ({problem}).", retryable=False)

    def _complete(
        self, task: str, model: str, messages: list[dict[str, str]], mode: str, schema: dict[str, Any]
    ) -> str:
        options: dict[str, Any] = {}
        if mode == "json_schema":
            options["response_format"] = {"type": "json_schema", "json_schema": {"name": task, "schema": schema}}
        elif mode == "json_object":
            options["response_format"] = {"type": "json_object"}
        try:
            with _service_errors():
                response = self.client.with_options(timeout=_timeout(task)).chat.completions.create(
                    model=model,
                    messages=messages,  # type: ignore[arg-type]
                    temperature=0,
                    **options,
                )
        except LLMError as error:
            if mode != "prompt" and _refuses_output_mode(error.__cause__):
                raise _ModeRefused from error
            raise
        if response.usage:  # an invalid answer cost tokens too
            usage = response.usage
            report(model=response.model or model, tokens_in=usage.prompt_tokens, tokens_out=usage.completion_tokens)
        if not response.choices:
            raise LLMError("The AI service answered with nothing.", retryable=True)
        return response.choices[0].message.content or ""


class _ModeRefused(Exception):
    """The server does not do this structured-output mode (some local servers refuse json_schema or JSON mode)."""


_FALLBACK = {"json_schema": "json_object", "json_object": "prompt"}


def _refuses_output_mode(error: BaseException | None) -> bool:
    """A 400 or 422 that names the response format: the request would work without it."""
    if not isinstance(error, openai.BadRequestError | openai.UnprocessableEntityError):
        return False
    return bool(re.search(r"response_format|json_schema|json_object|json mode|structured output", str(error), re.I))


def _timeout(task: str) -> float:
    return settings.LLM_TIMEOUTS.get(task, settings.LLM_TIMEOUTS["default"])


@contextmanager
def _service_errors() -> Iterator[None]:
    """SDK errors as LLMError, retryable when the service is busy, down or slow."""
    try:
        yield
    except _RETRYABLE as error:
        raise LLMError(f"The AI service is unavailable for now ({type(error).__name__}).", retryable=True) from error
    except openai.APIStatusError as error:
        raise LLMError(f"The AI service refused the request ({error.status_code}).", retryable=False) from error
    except openai.OpenAIError as error:  # a malformed response, say
        raise LLMError(f"The AI service answered in a way we cannot use ({error}).", retryable=False) from error


def _json_part(raw: str) -> str:
    """The JSON object in an answer, without the Markdown fences some local models add."""
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    return match.group(0) if match else raw
