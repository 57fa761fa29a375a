"""The kinds of content, declared in kinds/registry.py, one module or package each (the plan
and the practices are packages): load and validate. Imports core and html."""
