"""How an account's parts combine into the value an analyst would name."""

from __future__ import annotations

from wingman.core.incidents.formats.fields import is_guid


def account_value(upn: str, domain: str, account: str) -> str:
    """Return the UPN, else DOMAIN\\account, else the account name."""
    return upn or (f"{domain}\\{account}" if domain and account else account)


def windows_sid(user_id: str) -> str:
    """Return the id when it is a Windows SID, else ''."""
    return user_id if user_id.upper().startswith("S-1-") else ""


def entra_id(user_id: str) -> str:
    """Return the id when it is an Entra object id (a GUID), else ''."""
    return user_id if is_guid(user_id) else ""
