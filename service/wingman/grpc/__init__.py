"""The gRPC transport: an aio server whose servicer only converts messages."""
