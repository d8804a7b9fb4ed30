"""Exporters' links: one-click unsubscribe, preferences, sign-up and confirmation."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
