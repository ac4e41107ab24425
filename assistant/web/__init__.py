"""The two web faces of one knowledge base: a public Q&A page at `/` and a staff workspace at `/staff`.

`server` composes them; `public` imports only the chain and rendering, so nothing but asking exists there.
"""
