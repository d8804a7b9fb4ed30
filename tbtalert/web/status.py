"""Health check and the status page."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
