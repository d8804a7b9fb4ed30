"""The eping kind against a real local HTTP server serving ePing-shaped JSON pages."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from support.httpserver import LocalHTTPServer, Reply, Seen
from tbtalert.config import Settings, SourceConfig
from tbtalert.errors import ConfigError
from tbtalert.ingest import check_sources, fetch_sources
from tbtalert.models import Notification, SourceRun
from tbtalert.sources.eping import parse_item, parse_page

DATA = Path(__file__).parent / "data" / "sources" / "eping"


def site_items() -> list[dict[str, Any]]:
    return list(json.loads((DATA / "site-items.json").read_text("utf-8"))["items"])


class EpingSite:
    """Serves items page by page, newest first, with an ETag per page."""

    def __init__(self, server: LocalHTTPServer, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.server = server
        server.route("/api/v1/azureSearch/getAll", self.handle)

    def handle(self, seen: Seen) -> Reply:
        page = int(seen.query["page"][0])
        size = int(seen.query["pageSize"][0])
        chunk = self.items[(page - 1) * size : page * size]
        body = json.dumps(
            {"items": chunk, "totalCount": len(self.items), "isCountExceeded": False, "facets": {}}
        ).encode()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if seen.headers.get("If-None-Match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(body=body, headers={"Content-Type": "application/json", "ETag": etag})

    def pages_requested(self) -> list[int]:
        return [int(s.query["page"][0]) for s in self.server.hits("/api/v1/azureSearch/getAll")]


def eping_settings(settings: Settings, url: str, **options: Any) -> Settings:
    source = {"name": "eping", "kind": "eping", "url": url, "options": {"page_size": 2, **options}}
    return settings.model_copy(update={"sources": [SourceConfig(**source)]})


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Notification)).one())


def by_symbol(engine: Engine, symbol: str) -> Notification:
    with Session(engine) as session:
        row = session.exec(select(Notification).where(Notification.symbol == symbol)).one()
        return row


def last_run(engine: Engine) -> SourceRun:
    with Session(engine) as session:
        return session.exec(select(SourceRun).order_by(SourceRun.id.desc())).first()  # type: ignore[union-attr]


def test_parse_site_shape_aliases_html_and_several_symbols() -> None:
    body = (DATA / "site-items.json").read_bytes()
    page = parse_page(body, "http://x/getAll", "eping")
    assert page.total == 6 and page.items == 6
    symbols = [r.symbol for r in page.records]
    assert symbols[:3] == ["G/TBT/N/USA/2201/Add.1", "G/SPS/N/JPN/1310", "G/TBT/N/KEN/1701"]
    assert {"G/TBT/N/UGA/2101", "G/TBT/N/TZA/1201"} <= set(symbols)
    add, jpn = page.records[0], page.records[1]
    assert (
        add.title
        == "Energy Conservation Program: Test procedures for room air conditioners — comment period reopened"
    )
    assert (
        add.description
        == "The Department of Energy reopens the comment period until 15 January 2027."
    )
    assert add.doc_type == "addendum" and add.base_symbol == "G/TBT/N/USA/2201"
    assert add.entry_into_force is None and add.entry_into_force_text == "To be determined"
    assert jpn.member_name == "Japan" and jpn.area == "SPS"
    assert jpn.hs_codes == ["0901", "0902"] and jpn.ics_codes == ["67.140.20"]
    assert jpn.keywords == ["Pesticides", "Maximum residue limits (MRLs)"]
    assert jpn.description.endswith('("uniform limit" removed).')
    assert jpn.comment_deadline == date(2027, 1, 17)
    assert len(jpn.document_urls) == 2
    kenya = [r for r in page.records if r.member in ("KEN", "UGA", "TZA")]
    assert [r.member for r in kenya] == ["KEN", "UGA", "TZA"]
    assert kenya[0].title.startswith(
        "DEAS 105: 2026, Roasted coffee beans and roasted ground coffee – "
    )
    assert "&amp;" not in kenya[0].description and "beans & roasted" in kenya[0].description
    viet = next(r for r in page.records if r.member == "VNM")
    assert viet.title.startswith("Quy chuẩn kỹ thuật quốc gia về đồ gỗ nội thất")
    assert viet.hs_codes == ["940330", "940360"]


def test_parse_keyed_api_shape() -> None:
    page = parse_page((DATA / "api-page.json").read_bytes(), "http://x/search")
    first, corr = page.records
    assert (
        first.title
        == "National food safety standard – Limits of contaminants in durian & durian products"
    )
    assert first.hs_codes == ["081060", "081190"] and first.ics_codes == ["67.080.10"]
    assert first.keywords == ["Contaminants", "Food safety"]
    assert first.entry_into_force == date(2027, 7, 1)
    assert corr.doc_type == "corrigendum" and corr.base_symbol == "G/SPS/N/CHN/1450"


def test_paging_links_follow_ups_and_quiet_first_run(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    site = EpingSite(http_server, site_items())
    cfg = eping_settings(settings, http_server.url("/api/v1/azureSearch/getAll"))
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "ok", summary.error
    assert site.pages_requested() == [1, 2, 3]
    assert (summary.fetched, summary.new, summary.updated) == (8, 8, 0)
    assert count(engine) == 8
    seen = http_server.hits("/api/v1/azureSearch/getAll")[0]
    assert seen.query["language"] == ["1"] and seen.query["sortBy"] == ["distributionDate"]
    assert seen.headers["User-Agent"].startswith("tbtalert/")
    # the addendum came on page 1, its base on page 3: linked once the base arrived
    add = by_symbol(engine, "G/TBT/N/USA/2201/Add.1")
    assert add.base_id == by_symbol(engine, "G/TBT/N/USA/2201").id
    # a live source's first run is the backlog: stored, not announced
    assert not by_symbol(engine, "G/SPS/N/JPN/1310").announce


def test_incremental_run_fetches_only_new_pages_and_304(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    items = site_items()
    site = EpingSite(http_server, items)
    cfg = eping_settings(settings, http_server.url("/api/v1/azureSearch/getAll"), overlap_days=14)
    fetch_sources(engine, cfg)
    http_server.requests.clear()
    # an unchanged source: page 1 answers 304, nothing else is asked
    [same] = fetch_sources(engine, cfg)
    assert same.status == "not-modified" and site.pages_requested() == [1]
    assert http_server.hits("/api/v1/azureSearch/getAll")[0].headers.get("If-None-Match")
    # a new notification arrives on top: pages 1 and 2 are read (the overlap), not 3 and 4
    new = copy.deepcopy(items[1])
    new.update(id=400001, documentSymbol="G/SPS/N/JPN/1311", distributionDate="2026-11-24T00:00:00")
    site.items = [new, *items]
    http_server.requests.clear()
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "ok", summary.error
    assert site.pages_requested() == [1, 2]
    assert (summary.new, summary.updated) == (1, 0)
    assert count(engine) == 9
    assert by_symbol(engine, "G/SPS/N/JPN/1311").announce  # after the first run: announced


def test_changed_notification_updates_without_duplicate(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    items = site_items()
    site = EpingSite(http_server, items)
    cfg = eping_settings(settings, http_server.url("/api/v1/azureSearch/getAll"))
    fetch_sources(engine, cfg)
    before = by_symbol(engine, "G/SPS/N/JPN/1310")
    changed = copy.deepcopy(items)
    changed[1]["commentDeadlineDate"] = "2027-02-17T00:00:00"
    site.items = changed
    [summary] = fetch_sources(engine, cfg)
    assert (summary.new, summary.updated) == (0, 1)
    after = by_symbol(engine, "G/SPS/N/JPN/1310")
    assert after.id == before.id and count(engine) == 8
    assert after.comment_deadline == date(2027, 2, 17)
    assert after.matched_at is None and after.updated_at > before.updated_at


def test_api_key_areas_and_members_filters(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route(
        "/eping/notifications/search", Reply.file(DATA / "api-page.json", "application/json")
    )
    cfg = eping_settings(
        settings,
        http_server.url("/eping/notifications/search"),
        api_key="k-123",
        areas=["SPS"],
        members=["CHN"],
    )
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "ok" and summary.new == 2
    seen = http_server.hits("/eping/notifications/search")[0]
    assert seen.headers["Ocp-Apim-Subscription-Key"] == "k-123"
    assert seen.query["domainIds"] == ["2"]
    corr = by_symbol(engine, "G/SPS/N/CHN/1450/Corr.1")
    assert corr.base_id == by_symbol(engine, "G/SPS/N/CHN/1450").id


def test_500_then_success_and_429_retry_after(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    body = (DATA / "api-page.json").read_bytes()
    http_server.route(
        "/search",
        Reply(500, b"oops"),
        Reply(429, b"slow down", headers={"Retry-After": "1"}),
        Reply(body=body, headers={"Content-Type": "application/json"}),
    )
    cfg = eping_settings(settings, http_server.url("/search"))
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "ok" and summary.new == 2
    assert len(http_server.hits("/search")) == 3
    assert last_run(engine).status == "ok"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (
            Reply(body=b'{"items": [{"documentSymbol": "G/TBT/N/USA/1"', headers={}),
            "not complete JSON",
        ),
        (
            Reply(body=b'{"items": [{"documentSymbol": "G/TBT/N/USA/1"}]}' * 2, truncate_to=20),
            "closed before",
        ),
        (Reply(503, b"down"), "HTTP 503"),
        (Reply(body=b"{}", delay=1.5), "timed out"),
    ],
    ids=["truncated-json", "truncated-transfer", "503-persisting", "timeout"],
)
def test_faults_fail_the_run_cleanly(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer, reply: Reply, reason: str
) -> None:
    site = EpingSite(http_server, site_items())
    good = eping_settings(settings, http_server.url("/api/v1/azureSearch/getAll"))
    fetch_sources(engine, good)
    stored = count(engine)
    http_server.route("/bad", reply)
    cfg = eping_settings(
        settings.model_copy(update={"http_timeout": 0.5, "http_retries": 1}),
        http_server.url("/bad"),
    )
    cfg.sources[0].name = "eping"
    [summary] = fetch_sources(engine, cfg)
    assert summary.status == "failed"
    assert reason in summary.error and http_server.url("/bad") in summary.error
    run = last_run(engine)
    assert run.status == "failed" and reason in run.error and run.finished_at is not None
    assert count(engine) == stored
    # the next good run picks up normally
    http_server.requests.clear()
    [again] = fetch_sources(engine, good)
    assert again.status in ("ok", "not-modified")
    assert site.pages_requested()[0] == 1


# ---------------------------------------------------------------- what real clients read
# (tests/data/realdata/eping_api_fieldnames.md)

REAL_FIELDS_ITEM = {
    "id": 412345,
    "documentSymbol": " G/SPS/N/USA/3500",  # getLatestNotifications: a leading space
    "area": "SPS",
    "notifyingMember": "United States of America",
    "distributionDate": "02/11/2026",
    "proposedAdoptionDate": None,
    "proposedAdoptionDateText": "1 March 2027",
    "proposedEntryIntoForceDate": None,
    "proposedEntryIntoForceDateText": "6 months after publication",
    "titlePlain": "Tolerances for pesticide residues in coffee",
    "objectives": [{"name": "Food safety"}],
    "objectivesFreeText": "Protection of pollinators",
    "countriesAffected": [{"name": "Viet Nam"}, {"name": "Brazil"}],
    "linkToNotification": "",
    "dolLink": "G\\SPS\\NUSA3500.docx",
}


def test_fields_real_clients_read() -> None:
    [record] = parse_item(dict(REAL_FIELDS_ITEM))
    assert record.symbol == "G/SPS/N/USA/3500"
    assert record.distribution_date == date(2026, 11, 2)
    assert record.adoption_date == date(2027, 3, 1)
    assert (record.entry_into_force, record.entry_into_force_text) == (
        None,
        "6 months after publication",
    )
    assert record.objectives == "Food safety; Protection of pollinators"
    assert record.countries_affected == ["Viet Nam", "Brazil"]
    assert record.notification_url == (
        "https://docs.wto.org/dol2fe/Pages/SS/directdoc.aspx?filename=q:/G/SPS/NUSA3500.docx"
    )
    everyone = dict(REAL_FIELDS_ITEM, allTradingPartners=True, linkToNotification="https://l")
    [all_partners] = parse_item(everyone)
    assert all_partners.countries_affected == [] and all_partners.notification_url == "https://l"


def test_paging_stops_without_total_count(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    items = site_items()[:2]
    # a shape without totalCount whose server ignores ``page``: every page alike
    http_server.route("/api", Reply(body=json.dumps({"items": items}).encode()))
    [summary] = fetch_sources(engine, eping_settings(settings, http_server.url("/api")))
    assert summary.status == "ok", summary.error
    assert len(http_server.hits("/api")) == 2  # the second page brought nothing new
    # getLatestNotifications: a bare array, fewer items than asked
    http_server.route("/latest", Reply(body=json.dumps(site_items()).encode()))
    latest = eping_settings(settings, http_server.url("/latest"), page_size=100)
    assert fetch_sources(engine, latest)[0].status == "ok"
    assert len(http_server.hits("/latest")) == 1


def test_request_filters_real_clients_send(
    settings: Settings, engine: Engine, http_server: LocalHTTPServer
) -> None:
    http_server.route("/api", Reply(body=json.dumps({"items": [], "totalCount": 0}).encode()))
    cfg = eping_settings(
        settings,
        http_server.url("/api"),
        country_ids=["C840", "U918"],
        hs_codes=["0901", "4001"],
        distribution_date_from="2026-01-01",
        distribution_date_to="2026-12-31",
        specific_countries_to_be_affected="C704",
    )
    assert fetch_sources(engine, cfg)[0].status == "ok"
    query = http_server.hits("/api")[0].query
    assert query["countryIds"] == ["C840", "U918"] and query["hsCodes"] == ["0901", "4001"]
    assert query["distributionDateFrom"] == ["2026-01-01"]
    assert query["distributionDateTo"] == ["2026-12-31"]
    assert query["specificCountriesToBeAffected"] == ["C704"]
    bad = eping_settings(settings, http_server.url("/api"), distribution_date_from="1/1/2026")
    with pytest.raises(ConfigError, match="distribution_date_from must be a date like"):
        check_sources(bad)
