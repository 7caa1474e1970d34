"""An OpenAI-compatible HTTP server on loopback, for tests: it answers with replies the test scripts.

It speaks the wire protocol the SDK speaks (POST /v1/chat/completions, POST /v1/embeddings), so the
provider is tested through the real `openai` client, its HTTP stack, its error mapping and its timeouts.
Embeddings need no script: unless a reply is queued, each text gets `fake_embedding(text, dimensions)`.
"""

from __future__ import annotations

import base64
import json
import math
import random
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0

    @classmethod
    def json(cls, value: Any) -> Reply:
        return cls(content=json.dumps(value))

    @classmethod
    def error(cls, status: int, message: str = "error") -> Reply:
        return cls(content=json.dumps({"error": {"message": message, "type": "test_error"}}), status=status)


def fake_embedding(text: str, dimensions: int) -> list[float]:
    """A unit vector that depends only on the text, as a real model's would (values differ, of course)."""
    rng = random.Random(text)  # str seeds hash the text itself, so the same across processes
    vector = [rng.gauss(0, 1) for _ in range(dimensions)]
    norm = math.sqrt(sum(value * value for value in vector))
    return [value / norm for value in vector]


class LoopbackOpenAIServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        # Set to answer embeddings with this many dimensions whatever was asked (a model without `dimensions`).
        self.embedding_dimensions: int | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if self.path.endswith("/embeddings"):
                    self._embeddings(body)
                    return
                reply = server.replies.popleft() if server.replies else Reply.error(500, "no reply scripted")
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status == 200:
                    payload = json.dumps(
                        {
                            "id": f"chatcmpl-{len(server.requests)}",
                            "object": "chat.completion",
                            "created": 0,
                            "model": body.get("model", ""),
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": reply.content},
                                }
                            ],
                            "usage": {"prompt_tokens": 12, "completion_tokens": 34, "total_tokens": 46},
                        }
                    ).encode()
                else:
                    payload = reply.content.encode()
                self._send(reply.status, payload)

            def _embeddings(self, body: dict[str, Any]) -> None:
                """A queued reply is sent as it is (a scripted error or a malformed answer); else computed vectors."""
                if server.replies:
                    reply = server.replies.popleft()
                    if reply.delay:
                        time.sleep(reply.delay)
                    self._send(reply.status, reply.content.encode())
                    return
                texts = [body["input"]] if isinstance(body["input"], str) else body["input"]
                dimensions = server.embedding_dimensions or body.get("dimensions") or 1536
                data = []
                for index, text in enumerate(texts):
                    vector: list[float] | str = fake_embedding(text, dimensions)
                    if body.get("encoding_format") == "base64":  # what the SDK asks for unless told otherwise
                        vector = base64.b64encode(struct.pack(f"<{dimensions}f", *vector)).decode()
                    data.append({"object": "embedding", "index": index, "embedding": vector})
                payload = json.dumps(
                    {
                        "object": "list",
                        "data": data,
                        "model": body.get("model", ""),
                        "usage": {"prompt_tokens": 5 * len(texts), "total_tokens": 5 * len(texts)},
                    }
                ).encode()
                self._send(200, payload)

            def _send(self, status: int, payload: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackOpenAIServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
