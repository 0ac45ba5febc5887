"""Reaching a cluster: detect its distribution, build the matching client.

`detect(url)` asks the cluster's own ``GET /`` with a plain HTTP request (no
client, so no compatibility headers that OpenSearch would reject with 406)
and `connect(url)` returns a `Connection`: the official `elasticsearch`
client for Elasticsearch, `opensearch-py` for OpenSearch, with the helpers
and exception types of that client. Everything above this module (mappings,
queries, aggregations, bulk logic) is shared.

Every failure to reach the cluster becomes one `StoreUnavailable` naming the
URL and the cause, never a urllib3 retry trace.
"""
from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

from kb.store import StoreError, StoreUnavailable

HINT = ("start the cluster or point --store / DANGJIAN_STORE at a running "
        "Elasticsearch/OpenSearch (e.g. http://127.0.0.1:9200)")


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``http://user:pw@host:9200/`` → (``http://host:9200``, (user, pw))."""
    parts = urlsplit(url.rstrip("/"))
    if parts.username is None:
        return url.rstrip("/"), None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    return clean, (parts.username, parts.password or "")


def public_url(url: str) -> str:
    """The URL without credentials, safe for messages."""
    return split_credentials(url)[0]


def detect(url: str, timeout: float = 5.0, auth: tuple[str, str] | None = None,
           api_key: str | None = None) -> dict[str, Any]:
    """The cluster's ``GET /`` answer; `StoreUnavailable` when it has none."""
    headers = {"Accept": "application/json"}
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    if api_key:
        headers["Authorization"] = f"ApiKey {api_key}"
    req = urllib.request.Request(url.rstrip("/") + "/", headers=headers, method="GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        what = "authentication failed (give user:password@ in the URL or an api_key)" \
            if e.code in (401, 403) else f"HTTP {e.code} {e.reason}"
        raise StoreUnavailable(f"cluster at {public_url(url)} answered GET / with {what}") from None
    except urllib.error.URLError as e:
        raise StoreUnavailable(_unreachable(url, _reason(e.reason))) from None
    except (socket.timeout, TimeoutError):
        raise StoreUnavailable(_unreachable(url, f"no answer within {timeout:g} s")) from None
    except OSError as e:
        raise StoreUnavailable(_unreachable(url, _reason(e))) from None
    try:
        info = json.loads(body)
    except ValueError:
        raise StoreUnavailable(f"{public_url(url)} is not an Elasticsearch/OpenSearch cluster "
                               f"(GET / did not return JSON: {body[:80]!r})") from None
    if not isinstance(info, dict) or "version" not in info:
        raise StoreUnavailable(f"{public_url(url)} is not an Elasticsearch/OpenSearch cluster "
                               "(GET / has no 'version')")
    return info


def _unreachable(url: str, cause: str) -> str:
    return f"cannot reach the cluster at {public_url(url)}: {cause}; {HINT}"


def _reason(err: Any) -> str:
    text = getattr(err, "strerror", None) or str(err)
    return text.strip() or type(err).__name__


def distribution(info: dict[str, Any]) -> str:
    """``opensearch`` or ``elasticsearch``, from the ``GET /`` answer."""
    version = info.get("version") or {}
    if version.get("distribution") == "opensearch" or "OpenSearch" in str(info.get("tagline", "")):
        return "opensearch"
    return "elasticsearch"


@dataclass
class Connection:
    """A client plus what differs between the two official client libraries."""

    url: str
    flavor: str                          # elasticsearch | opensearch
    version: str
    client: Any
    streaming_bulk: Callable[..., Any]
    not_found: tuple[type[BaseException], ...]
    transport_errors: tuple[type[BaseException], ...]   # connection/timeouts
    api_errors: tuple[type[BaseException], ...]         # HTTP error answers

    def status_of(self, exc: BaseException) -> int | None:
        """HTTP status of a client exception (None for connection errors)."""
        for attr in ("status_code", "status"):
            value = getattr(exc, attr, None)
            if isinstance(value, int):
                return value
        meta = getattr(exc, "meta", None)
        status = getattr(meta, "status", None)
        return status if isinstance(status, int) else None

    def describe(self, exc: BaseException) -> str:
        """One line for a client exception: status, type and reason."""
        status = self.status_of(exc)
        info = getattr(exc, "info", None) or getattr(exc, "body", None)
        reason = ""
        if isinstance(info, dict):
            err = info.get("error", info)
            if isinstance(err, dict):
                cause = err.get("caused_by") or {}
                reason = f"{err.get('type', '')}: {err.get('reason', '')}"
                if isinstance(cause, dict) and cause.get("reason"):
                    reason += f" ({cause['reason']})"
            else:
                reason = str(err)
        if not reason:
            reason = getattr(exc, "message", "") or str(exc) or type(exc).__name__
            reason = str(reason).splitlines()[0][:300]
        return f"HTTP {status} {reason}" if status else reason


def connect(url: str, *, timeout: float = 30.0, max_retries: int = 2, api_key: str | None = None,
            verify_certs: bool = True, ca_certs: str | None = None,
            flavor: str | None = None) -> Connection:
    """Detect the distribution and build its official client."""
    base, auth = split_credentials(url)
    info = detect(base, timeout=min(timeout, 10.0), auth=auth, api_key=api_key)
    flavor = flavor or distribution(info)
    version = str((info.get("version") or {}).get("number", ""))
    if flavor == "opensearch":
        return _opensearch(base, auth, api_key, version, timeout, max_retries, verify_certs, ca_certs)
    return _elasticsearch(base, auth, api_key, version, timeout, max_retries, verify_certs, ca_certs)


def _opensearch(url, auth, api_key, version, timeout, max_retries, verify_certs, ca_certs) -> Connection:
    import opensearchpy
    from opensearchpy import helpers

    kwargs: dict[str, Any] = {"hosts": [url], "timeout": timeout, "max_retries": max_retries,
                              "retry_on_timeout": True, "verify_certs": verify_certs}
    if auth:
        kwargs["http_auth"] = auth
    if api_key:
        kwargs["headers"] = {"Authorization": f"ApiKey {api_key}"}
    if ca_certs:
        kwargs["ca_certs"] = ca_certs
    client = opensearchpy.OpenSearch(**kwargs)
    return Connection(url, "opensearch", version, client, helpers.streaming_bulk,
                      not_found=(opensearchpy.NotFoundError,),
                      transport_errors=(opensearchpy.ConnectionError, opensearchpy.ConnectionTimeout),
                      api_errors=(opensearchpy.TransportError,))


def _elasticsearch(url, auth, api_key, version, timeout, max_retries, verify_certs, ca_certs) -> Connection:
    import elastic_transport
    import elasticsearch
    from elasticsearch import helpers

    major = int(version.split(".")[0]) if version[:1].isdigit() else 0
    client_major = int(elasticsearch.__versionstr__.split(".")[0])
    if major and major < client_major:
        # the client sends `compatible-with=<client major>`, which older servers reject
        raise StoreError(f"Elasticsearch {version} at {url} needs the elasticsearch {major}.x client "
                         f"(installed: {elasticsearch.__versionstr__}); run "
                         f"pip install 'elasticsearch>={major},<{major + 1}' or use Elasticsearch {client_major}")
    kwargs: dict[str, Any] = {"request_timeout": timeout, "max_retries": max_retries,
                              "retry_on_timeout": True, "verify_certs": verify_certs}
    if auth:
        kwargs["basic_auth"] = auth
    if api_key:
        kwargs["api_key"] = api_key
    if ca_certs:
        kwargs["ca_certs"] = ca_certs
    client = elasticsearch.Elasticsearch(url, **kwargs)
    return Connection(url, "elasticsearch", version, client, helpers.streaming_bulk,
                      not_found=(elasticsearch.NotFoundError,),
                      transport_errors=(elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout),
                      api_errors=(elasticsearch.ApiError, elastic_transport.TransportError))
