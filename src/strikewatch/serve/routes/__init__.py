"""One router module per resource of the desk."""
