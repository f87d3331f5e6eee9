"""Routes for documents: upload, list, rename and link, delete, and the bytes themselves."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    File,
    Form,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from jobtracker.auth.deps import CurrentUser, SettingsDep
from jobtracker.common import (
    DEFAULT_PAGE_SIZE,
    FILTER_VALUES_SCHEMA,
    MAX_ID,
    Page,
    PageLimit,
    PageOffset,
    PathId,
    capped_filter,
)
from jobtracker.config import Settings
from jobtracker.db import SessionDep
from jobtracker.documents import service, uploads
from jobtracker.documents.background import TextReader, reader_for
from jobtracker.documents.models import Document, DocumentKind, MediaType
from jobtracker.documents.schemas import (
    DocumentDetail,
    DocumentOut,
    DocumentUpdate,
    UploadedDocument,
)
from jobtracker.documents.service import DocumentFilters
from jobtracker.documents.uploads import Upload, UploadTarget

# Room for the multipart boundaries and part headers around files that fill the limit.
MULTIPART_ALLOWANCE = 64 * 1024
MAX_FILES_PER_UPLOAD = 20
_EXTENSIONS = {
    MediaType.PDF: (".pdf",),
    MediaType.DOCX: (".docx",),
    MediaType.TEXT: (".txt",),
    MediaType.MARKDOWN: (".md", ".markdown"),
}


def _too_large(settings: Settings) -> HTTPException:
    # An HTTPException, because FastAPI passes only those unchanged out of its body parsing.
    message = uploads.too_large_message(settings, "The upload")
    return HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, detail=message)


def _counted(receive: Receive, limit: int, settings: Settings) -> Receive:
    received = 0

    async def receive_within_limit() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _too_large(settings)
        return message

    return receive_within_limit


class UploadLimitedRoute(APIRoute):
    """A route whose request body may not pass the instance's upload limit.

    A declared Content-Length over it is refused before one byte is read; a body without
    one (chunked) is cut off as soon as it passes the limit. FastAPI's own `max_body_size`
    is fixed when the route is declared, but this limit is the running app's setting.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_within_limit(request: Request) -> Response:
            settings: Settings = request.app.state.settings
            limit = uploads.max_upload_bytes(settings) + MULTIPART_ALLOWANCE
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(settings)
            return await handle(Request(request.scope, _counted(request.receive, limit, settings)))

        return handle_within_limit


def _text_reader(request: Request) -> TextReader:
    return reader_for(request.app)


TextReaderDep = Annotated[TextReader, Depends(_text_reader)]


@asynccontextmanager
async def _reading_texts(app: FastAPI) -> AsyncIterator[None]:
    # At start, texts left pending by a process that stopped mid-way are read again.
    reader = reader_for(app)
    reader.wake()
    yield
    reader.stop()


router = APIRouter(
    prefix="/api", tags=["documents"], route_class=UploadLimitedRoute, lifespan=_reading_texts
)


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    form_limits={"max_files": MAX_FILES_PER_UPLOAD, "max_fields": 8},
    responses={
        200: {
            "description": "Every file was already stored; those documents are returned",
            "model": list[UploadedDocument],
        },
        403: {"description": "The storage quota would be exceeded"},
        413: {"description": "Larger than MAX_UPLOAD_MB"},
        415: {"description": "Not a PDF, DOCX, plain text or Markdown file"},
    },
)
def upload_documents(
    files: Annotated[list[UploadFile], File(description="PDF, DOCX, plain text or Markdown files")],
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    reader: TextReaderDep,
    response: Response,
    application_id: Annotated[
        int | None, Form(ge=1, le=MAX_ID, description="Link each file to it")
    ] = None,
    version_of: Annotated[
        int | None,
        Form(ge=1, le=MAX_ID, description="Store each new file as a new version of it"),
    ] = None,
    kind: Annotated[
        DocumentKind | None,
        Form(description="Their kind; unset: the versions' kind, or a guess from the name"),
    ] = None,
) -> list[UploadedDocument]:
    # One byte past the limit is enough to know a file is too large.
    readable = uploads.max_upload_bytes(settings) + 1
    received = [Upload(file.filename or "", file.file.read(readable)) for file in files]
    target = UploadTarget(application_id=application_id, version_of=version_of, kind=kind)
    stored = uploads.store_uploads(session, settings, user, received, target)
    reader.read_later(uploads.texts_to_read(stored))
    if not any(upload.created for upload in stored):
        response.status_code = status.HTTP_200_OK
    return uploads.present_uploads(session, user.id, stored)


@router.get("/documents")
def list_documents(
    user: CurrentUser,
    session: SessionDep,
    reader: TextReaderDep,
    application_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only those linked to it")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="File name and text")] = None,
    media_type: Annotated[
        list[MediaType] | None,
        Query(description="Any of these", json_schema_extra=FILTER_VALUES_SCHEMA),
        capped_filter("file types"),
    ] = None,
    kind: Annotated[DocumentKind | None, Query(description="Only resumes, say")] = None,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[DocumentOut]:
    filters = DocumentFilters(
        application_id=application_id, text=q, media_types=media_type or (), kind=kind
    )
    documents, total = service.list_documents(session, user.id, filters, limit=limit, offset=offset)
    if service.any_pending(documents):
        reader.wake()
    return Page(
        items=service.present(session, user.id, documents), total=total, limit=limit, offset=offset
    )


@router.get("/applications/{application_id}/documents")
def list_application_documents(
    application_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    offset: PageOffset = 0,
) -> Page[DocumentOut]:
    filters = DocumentFilters(application_id=application_id)
    documents, total = service.list_documents(session, user.id, filters, limit=limit, offset=offset)
    return Page(
        items=service.present(session, user.id, documents), total=total, limit=limit, offset=offset
    )


@router.get("/documents/{document_id}")
def read_document(
    document_id: PathId, user: CurrentUser, session: SessionDep, reader: TextReaderDep
) -> DocumentDetail:
    document = service.get_document(session, user.id, document_id)
    if service.any_pending([document]):
        reader.wake()
    return service.present_detail(session, user.id, document)


@router.patch("/documents/{document_id}")
def update_document(
    document_id: PathId, body: DocumentUpdate, user: CurrentUser, session: SessionDep
) -> DocumentDetail:
    document = service.update_document(session, user.id, document_id, body)
    return service.present_detail(session, user.id, document)


@router.delete("/documents/{document_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_document(document_id: PathId, user: CurrentUser, session: SessionDep) -> None:
    service.delete_document(session, user.id, document_id)


@router.get(
    "/documents/{document_id}/content",
    response_class=Response,
    responses={
        200: {
            "description": "The file's bytes, exactly as uploaded",
            "content": {media_type.value: {} for media_type in MediaType},
        },
        422: {"description": "`inline` asked for a file the browser cannot show (DOCX)"},
    },
)
def download_document(
    document_id: PathId,
    user: CurrentUser,
    session: SessionDep,
    inline: Annotated[
        bool, Query(description="Show a PDF or text file in the page instead of saving it")
    ] = False,
) -> Response:
    document = service.get_document_with_content(session, user.id, document_id, for_preview=inline)
    return Response(
        document.content,
        media_type=_served_type(document, inline=inline),
        headers=_download_headers(document, inline=inline),
    )


def _served_type(document: Document, *, inline: bool) -> str:
    # Browsers offer to save text/markdown rather than show it, so a preview says text/plain.
    if inline and document.media_type is MediaType.MARKDOWN:
        return MediaType.TEXT.value
    return document.media_type.value


def _download_headers(document: Document, *, inline: bool) -> dict[str, str]:
    disposition = "inline" if inline else "attachment"
    return {
        "Content-Disposition": content_disposition(disposition, _download_name(document)),
        "X-Content-Type-Options": "nosniff",
        # Whatever the file holds runs with no origin: no scripts, no forms, no cookies.
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "private, no-store",
    }


def _download_name(document: Document) -> str:
    """The display name, with the extension that matches what the file really is.

    A text file renamed "page.html" must not be saved to disk as a web page.
    """
    extensions = _EXTENSIONS[document.media_type]
    if document.filename.lower().endswith(extensions):
        return document.filename
    return document.filename + extensions[0]


def content_disposition(disposition: str, filename: str) -> str:
    """RFC 6266: the exact name as UTF-8 in `filename*`, and a plain ASCII one for old clients."""
    # Accents dropped ("Résumé" → "Resume"), anything else not plainly safe becomes "_".
    decomposed = unicodedata.normalize("NFKD", filename)
    unaccented = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    fallback = re.sub(r"[^A-Za-z0-9 ._()+,-]", "_", unaccented).strip(" ") or "document"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
