"""One module per screen; `dialogs` and the `*_form` modules hold the modal forms."""
