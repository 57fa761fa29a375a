"""Pages from validated content: the renderer, plan exports, monitoring charts and the timeline."""
