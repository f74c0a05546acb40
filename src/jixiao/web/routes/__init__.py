"""Page groups; every module here exposing `bp` is registered by web/views.py."""
