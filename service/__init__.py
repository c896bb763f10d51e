"""mutu's HTTP service: a thin FastAPI layer over `classifier`. Start it with `mutu serve`."""
