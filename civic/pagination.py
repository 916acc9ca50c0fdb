"""One way to paginate a public list, shared by every list page so they all
behave alike: `?page=abc` is page 1, `?page=9999` the last page, and the page
links (templates/entities/includes/pagination.html) elide the middle."""

from django.core.paginator import Paginator


def page_of(paginator: Paginator, request) -> dict:
    """`page_obj` and `page_range` for the pagination links, and `objects`, the
    requested page's items as a list (evaluated once)."""
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "objects": list(page.object_list),
        "page_range": paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        ),
    }


def paginate(items, per_page: int, request) -> dict:
    return page_of(Paginator(items, per_page), request)
