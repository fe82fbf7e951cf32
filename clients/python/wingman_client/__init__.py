"""Typed Python client for Wingman over gRPC and REST, blocking and asyncio.

Every method takes the request as REST's JSON object and returns the response as REST's JSON
object, whichever transport carries it; failures raise WingmanError with the same code and field
on both transports.
"""

from wingman_client._async_client import AsyncWingmanClient
from wingman_client._client import WingmanClient
from wingman_client._errors import WingmanError
from wingman_client._methods import METHODS, Method
from wingman_client._requests import IncidentFormat, JsonValue, Platform, ScriptLanguage, TimeRange
from wingman_client._retry import RetryPolicy

__all__ = [
    "METHODS",
    "AsyncWingmanClient",
    "IncidentFormat",
    "JsonValue",
    "Method",
    "Platform",
    "RetryPolicy",
    "ScriptLanguage",
    "TimeRange",
    "WingmanClient",
    "WingmanError",
]
