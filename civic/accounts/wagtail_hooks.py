from wagtail import hooks

from .wagtail_users import EraseUsersBulkAction

# A later `order` wins in Wagtail's bulk-action registry, replacing the stock
# "delete" action for users, which would remove rows with their contributions.
hooks.register("register_bulk_action", EraseUsersBulkAction, order=100)
