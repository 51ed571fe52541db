"""HTTP layer of the hub: routes, auth dependency, error mapping, middleware."""
