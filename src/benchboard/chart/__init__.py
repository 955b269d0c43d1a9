"""The chart stage: which bars are drawn (layout) and the Vega-Lite spec, SVG and PNG (draw)."""
