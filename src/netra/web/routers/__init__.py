"""Routers per area. Each module in AREAS exposes `router`; a new area adds one line here.

Every route must declare its access (see netra.web.deps); tests/web/test_route_access.py walks
all of them with every role.
"""

AREAS: tuple[str, ...] = (
    "netra.web.routers.auth",
    "netra.web.routers.checker",
    "netra.web.routers.learn",
    "netra.web.routers.account",
    "netra.web.routers.admin",
    "netra.web.routers.api",
    "netra.web.routers.oversight",
    "netra.web.routers.desk",
    "netra.web.routers.inbox",
)
