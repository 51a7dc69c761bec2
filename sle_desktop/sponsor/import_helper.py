"""The helper process of an import (`prefetch`): `python -P -m sle_desktop.sponsor.import_helper`.

Its own module, so that the helper can run the importer's checks of each line (`importer.read_ahead`) while the
importer, which starts it, is the only one of the two to import the other."""

from __future__ import annotations

if __name__ == "__main__":
    from sle_desktop.sponsor.importer import read_ahead
    from sle_desktop.sponsor.prefetch import serve

    serve(read_ahead)
