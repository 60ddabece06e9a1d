def public_endpoints_only(endpoints):
    """Keep only the public API under /api/ in the OpenAPI schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
