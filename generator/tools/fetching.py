"""HTTP requests for ``links``: an address in ASCII, HEAD then GET, redirects followed by hand.

Only ``links`` makes requests (here, and to an archive's API in ``archive``), and only when a
curator runs it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from generator import __version__

MAX_REDIRECTS = 5
_PERMANENT = {301, 308}


@dataclass(frozen=True)
class Outcome:
    """What the server answered: a final status, a permanent new address, or an error."""

    status: int | None = None
    moved_to: str | None = None
    error: str | None = None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, so that permanent moves can be reported."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def user_agent() -> str:
    """A polite, identifiable user agent."""
    return f"incident-record-links/{__version__} (source link check; one request per URL)"


def fetch(url: str, timeout: float, agent: str) -> Outcome:
    """HEAD the URL (GET when HEAD is refused), following up to five redirects by hand."""
    opener = urllib.request.build_opener(_NoRedirect)
    permanent = False
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, detail = _request(opener, current, "HEAD", timeout, agent)
        if status is not None and status >= 400:
            status, detail = _request(opener, current, "GET", timeout, agent)
        if status is None:
            return Outcome(error=detail)
        if 300 <= status < 400 and detail:
            permanent = permanent or status in _PERMANENT
            current = urljoin(current, detail)
            continue
        return Outcome(status=status, moved_to=current if permanent and current != url else None)
    return Outcome(error=f"more than {MAX_REDIRECTS} redirects")


def as_uri(url: str) -> str:
    """The address in ASCII, as HTTP sends it: the host in IDNA, the rest percent-encoded.

    Sources keep addresses as their pages show them ('https://example.org/ар'); a request
    line may hold only ASCII (RFC 3987, section 3.1). Characters already escaped stay so.
    """
    if url.isascii():
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return url  # not a host name at all: the request says why
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    if "@" in parts.netloc:
        netloc = f"{quote(parts.netloc.rpartition('@')[0], safe=':%')}@{netloc}"
    safe = "/:@!$&'()*+,;=%~?[]"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe),
            quote(parts.query, safe),
            quote(parts.fragment, safe),
        )
    )


def _request(
    opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float, agent: str
) -> tuple[int | None, str | None]:
    """(status, Location header), or (None, error text) when there was no HTTP answer."""
    request = urllib.request.Request(as_uri(url), method=method, headers={"User-Agent": agent})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")
    except TimeoutError:
        return None, f"no answer within {timeout:g} s"
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return None, f"no answer within {timeout:g} s"
        return None, str(reason)
    except (OSError, ValueError) as error:
        return None, str(error)
