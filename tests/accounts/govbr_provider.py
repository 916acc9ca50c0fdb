"""A small, real OpenID Connect provider that speaks like gov.br, for the tests.

It runs an HTTP server in a thread on 127.0.0.1 and implements what gov.br's
Login Único implements (manual-roteiro-integracao-login-unico): discovery, the
authorization endpoint (code flow, PKCE S256 and nonce mandatory), the token
endpoint with HTTP Basic client authentication and PKCE verification, RS256
ID tokens carrying gov.br's claims (CPF as `sub`, `reliability_info`, `amr`),
the JWKS at /jwk and /userinfo/. Nothing in the client under test is mocked:
the site talks to this server over HTTP exactly as it would to gov.br.

The "person at gov.br" is `provider.person`; `provider.authorize_error` makes the
next authorization answer with an OAuth error instead of a code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "participa-betim-teste"
CLIENT_SECRET = "segredo-do-cliente-de-teste"
KEY_ID = "chave-teste-1"


def govbr_person(
    *,
    cpf: str,
    name: str = "Joana da Silva",
    email: str | None = "joana@example.org",
    email_verified: bool = True,
    level: str = "silver",
    social_name: str | None = None,
) -> dict:
    """gov.br's claims for one person (manual `escopoatributos.rst`)."""
    claims = {
        "sub": cpf,
        "preferred_username": cpf,
        "name": name,
        "amr": ["passwd"],
        "reliability_info": {
            "level": level,
            "reliabilities": [{"id": "201", "updatedAt": "2026-01-10T10:00:00"}],
        },
    }
    if social_name:
        claims["social_name"] = social_name
    if email:
        # gov.br leaves the email out when it is not verified; tests may still
        # send it unverified to check we do not trust it.
        claims["email"] = email
        claims["email_verified"] = email_verified
    return claims


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str
    scope: str
    claims: dict
    expires_at: float
    used: bool = False


@dataclass
class LocalGovBr:
    """The provider's state, shared with the request handler."""

    person: dict = field(default_factory=dict)
    authorize_error: str = ""
    code_ttl: float = 60.0
    # Issue ID tokens with someone else's nonce (a token injected from another login).
    tamper_nonce: bool = False
    grants: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, dict] = field(default_factory=dict)
    authorize_requests: list[dict] = field(default_factory=list)
    token_requests: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        self.jwks = {"keys": [{**jwk, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> LocalGovBr:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo/",
            "jwks_uri": f"{self.issuer}/jwk",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": [
                "openid",
                "email",
                "profile",
                "phone",
                "govbr_confiabilidades",
                "govbr_confiabilidades_idtoken",
            ],
        }

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        payload = {
            **grant.claims,
            "iss": self.issuer,
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": "nonce-de-outro-login" if self.tamper_nonce else grant.nonce,
            "jti": secrets.token_hex(8),
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": KEY_ID})


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _handler_for(provider: LocalGovBr):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def _json(self, status: int, body: dict, headers: dict | None = None):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _redirect(self, url: str):
            self.send_response(302)
            self.send_header("Location", url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                return self._json(200, provider.discovery())
            if url.path == "/jwk":
                return self._json(200, provider.jwks)
            if url.path == "/authorize":
                return self.authorize(query)
            if url.path == "/userinfo/":
                return self.userinfo()
            return self._json(404, {"error": "not_found"})

        def do_POST(self):
            if urlsplit(self.path).path != "/token":
                return self._json(404, {"error": "not_found"})
            length = int(self.headers.get("Content-Length") or 0)
            form = {
                k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()
            }
            return self.token(form)

        def authorize(self, query: dict):
            provider.authorize_requests.append(query)
            redirect_uri = query.get("redirect_uri", "")
            if query.get("client_id") != CLIENT_ID or not redirect_uri:
                return self._json(400, {"error": "invalid_request"})
            back = {"state": query["state"]} if "state" in query else {}
            problems = (
                query.get("response_type") != "code"
                or "openid" not in query.get("scope", "").split()
                or query.get("code_challenge_method") != "S256"
                or not query.get("code_challenge")
                or not query.get("nonce")
            )
            error = "invalid_request" if problems else provider.authorize_error
            if error:
                back.update(error=error, error_description="Pedido recusado")
                return self._redirect(f"{redirect_uri}?{urlencode(back)}")
            code = secrets.token_urlsafe(24)
            provider.grants[code] = Grant(
                client_id=CLIENT_ID,
                redirect_uri=redirect_uri,
                code_challenge=query["code_challenge"],
                nonce=query["nonce"],
                scope=query["scope"],
                claims=dict(provider.person),
                expires_at=time.time() + provider.code_ttl,
            )
            return self._redirect(f"{redirect_uri}?{urlencode({'code': code, **back})}")

        def token(self, form: dict):
            provider.token_requests.append(form)
            if not self._client_ok():
                return self._json(
                    401,
                    {"error": "invalid_client"},
                    {"WWW-Authenticate": 'Basic realm="govbr"'},
                )
            grant = provider.grants.get(form.get("code", ""))
            if (
                form.get("grant_type") != "authorization_code"
                or grant is None
                or grant.used
                or grant.expires_at < time.time()
                or grant.redirect_uri != form.get("redirect_uri")
                or _s256(form.get("code_verifier", "")) != grant.code_challenge
            ):
                return self._json(400, {"error": "invalid_grant"})
            grant.used = True
            access_token = secrets.token_urlsafe(24)
            provider.tokens[access_token] = grant.claims
            return self._json(
                200,
                {
                    "access_token": access_token,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "scope": grant.scope,
                    "id_token": provider.id_token(grant),
                },
            )

        def _client_ok(self) -> bool:
            header = self.headers.get("Authorization", "")
            if not header.startswith("Basic "):
                return False
            try:
                decoded = base64.b64decode(header[6:]).decode()
            except ValueError:
                return False
            return decoded == f"{CLIENT_ID}:{CLIENT_SECRET}"

        def userinfo(self):
            header = self.headers.get("Authorization", "")
            claims = provider.tokens.get(header.removeprefix("Bearer "))
            if claims is None:
                return self._json(401, {"error": "invalid_token"})
            # The reliability levels travel in the ID token (scope
            # govbr_confiabilidades_idtoken), not here.
            return self._json(
                200, {k: v for k, v in claims.items() if k != "reliability_info"}
            )

    return Handler
