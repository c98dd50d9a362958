"""``/api/v1/auth/tokens``: a user lists and revokes their bearer tokens; a system admin, anyone's."""

from __future__ import annotations

from ninja import Query, Router, Status

from thidua.accounts import selectors, services
from thidua.accounts.permissions import access_api_token

from ..errors import responses
from ..paging import page
from ..schemas_tokens import ApiTokenFilters, ApiTokenPage

router = Router(tags=["auth"])


@router.get("/", response=responses({200: ApiTokenPage}, 400, 422), summary="Danh sách khóa truy cập còn hiệu lực")
def api_token_list(request, filters: Query[ApiTokenFilters]):
    return page(selectors.api_tokens(actor=request.auth, user_id=filters.user), filters)


@router.delete("/{id}", response=responses({204: None}, 403, 404, 409, 422), summary="Thu hồi một khóa truy cập")
def api_token_revoke(request, id: int):
    token = access_api_token(request.auth, id)
    services.api_token_revoke(actor=request.auth, token=token)
    return Status(204, None)
