"""The municipal plan of activities: schedules in natural Russian, progress against the build
date, and the references of other content to plan activities."""
