"""Routes for writing."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api", tags=["writing"])
