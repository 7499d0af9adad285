"""The web application: a JSON API and server-rendered pages over the same queries."""
