"""The desk on the web: a FastAPI app (JSON API + server-rendered pages) over the same library
functions the command line uses. Needs the ``http`` extra; nothing here loads at CLI start-up."""
