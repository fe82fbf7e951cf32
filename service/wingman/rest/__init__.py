"""The REST transport: a FastAPI app whose routes only convert JSON."""
