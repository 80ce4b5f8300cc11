"""Waiting on the site map in a browser test until it stands still, before clicking in it.

Opening a popup pans the map so that the popup fits (Leaflet's ``autoPan``, a 250 ms
animation), and a change of zoom animates the map and then markercluster's clusters. A click
on a popup's link or close button while the map moves lands where the control was when the
browser measured it, on the map beneath, which closes the popup: a test that clicks then waits
for a page or for the popup to go waits in vain. Leaflet marks its map pane while it pans
(``leaflet-pan-anim``) or zooms (``leaflet-zoom-anim``), and markercluster while its clusters
move (``leaflet-cluster-anim``); an opened popup's pan starts as the click that opens it is
handled, so once that click returns, the map is still when none of the three marks is left.
"""

from __future__ import annotations

from typing import Any

MOVING = ".leaflet-pan-anim, .leaflet-zoom-anim, .leaflet-cluster-anim"
"""Leaflet's and markercluster's marks of a map pane that is moving."""


def wait_until_still(page: Any) -> None:
    """Wait until no map on ``page`` pans, zooms or moves its clusters."""
    page.wait_for_function("moving => !document.querySelector(moving)", arg=MOVING)
