"""The people a message names: its sender and recipients as mailboxes."""

from __future__ import annotations

from collections.abc import Iterable

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType


def add_correspondents(
    out: IncidentBuilder,
    owner: SourceAlert | None,
    message: str | None,
    sender: str,
    recipients: Iterable[str],
) -> None:
    """Add the sender's and recipients' mailboxes, related to the message when there is one."""
    mailbox = out.entity(owner, EntityType.MAILBOX, sender, roles=["sender"], address=sender)
    out.relate("sent_from", message, mailbox)
    for recipient in recipients:
        mailbox = out.entity(
            owner, EntityType.MAILBOX, recipient, roles=["recipient"], address=recipient
        )
        out.relate("sent_to", message, mailbox)
