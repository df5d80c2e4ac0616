"""People: users, work units (unit kerja), roles, sessions and API tokens.

The web app (netra.web) and the CLI (`netra users`) both go through `netra.accounts.service`, so a
rule such as "a locked account cannot log in" lives in one place.
"""
