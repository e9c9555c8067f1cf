"""A real OpenID Connect provider on the loopback, for the ProConnect tests (oidc-provider-mock).

It signs its ID tokens with its own RSA key, publishes its discovery document and keys, and shows an
authorization form where the person types the subject (`sub`) to sign in as; the claims of a subject
are set beforehand with its /users API. Everything stays on 127.0.0.1, on a port the system picks.
"""

import os
import threading
import warnings
from contextlib import contextmanager
from urllib.parse import urlsplit

import authlib.deprecate  # noqa: F401 (first: on import it makes its own warnings "always" shown)
import requests
import werkzeug.serving

with warnings.catch_warnings():
    # authlib warns about its own modules the mock imports; nothing the portal can act on
    warnings.simplefilter("ignore")
    import oidc_provider_mock

# The Python suite and the browser test ask for what ProConnect gives. The mock releases the standard
# claims (given_name among them) only under the standard scope that carries them, "profile"; ProConnect
# has one scope per claim. The other scopes are ignored by the mock, and its non-standard claims
# (usual_name, siret, organizational_unit) always come.
SCOPES = "openid email profile given_name usual_name siret organizational_unit"


class Provider:
    def __init__(self, base_url):
        self.base_url = base_url
        self.discovery_url = base_url + "/.well-known/openid-configuration"

    def set_claims(self, sub, **claims):
        """What the provider will say about `sub` at its next sign-in."""
        response = requests.put(f"{self.base_url}/users/{sub}", json=claims, timeout=5)
        response.raise_for_status()

    def settings(self, **extra):
        """The portal's settings pointing at this provider, for override_settings / the settings fixture."""
        values = {
            "OIDC_RP_CLIENT_ID": "reseaux-de-pratiques",
            "OIDC_RP_CLIENT_SECRET": "secret-de-test",
            "OIDC_OP_DISCOVERY_URL": self.discovery_url,
            "OIDC_RP_SCOPES": SCOPES,
            "OIDC_TIMEOUT": 5,
        }
        values.update(extra)
        return values

    def authorize(self, authorization_url, sub):
        """Submit the provider's authorization form as `sub`: the URL it sends the browser back to."""
        assert urlsplit(authorization_url).netloc == urlsplit(self.base_url).netloc, authorization_url
        form = requests.get(authorization_url, timeout=5)
        assert form.status_code == 200 and 'name="sub"' in form.text, form.text[:500]
        response = requests.post(authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text[:500]
        return response.headers["Location"]


@contextmanager
def running_provider():
    """The provider in a thread of this process, stopped (and its port freed) when the block ends."""
    previous = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on the loopback
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(require_nonce=True), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Provider(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        if previous is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["AUTHLIB_INSECURE_TRANSPORT"] = previous
