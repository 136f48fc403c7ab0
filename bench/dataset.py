"""What a bench data set is: its scale, and the description stored with it."""

import json
from dataclasses import asdict, dataclass, field

GENERATOR_VERSION = 2
# Every generated member has this password; it is hashed once and the hash reused.
BENCH_PASSWORD = "calm-bench-password-2026"  # noqa: S105 - a load-test fixture, not a secret


@dataclass(frozen=True)
class Scale:
    name: str
    articles: int
    tracks: int
    topics: int
    people: int
    collections: int
    members: int  # ordinary members, the stats member among them
    sessions: int  # listening sessions in all, the stats member's included
    stats_member_sessions: int = 5_000
    upload_members: int = 32  # extra members with no history, who upload during the run


SCALES = {
    "small": Scale("small", 1_000, 200, 50, 60, 20, 1_000, 100_000),
    "large": Scale("large", 100_000, 20_000, 200, 600, 1_000, 10_000, 1_000_000),
}


@dataclass
class DatasetInfo:
    scale: Scale
    generator_version: int
    generated_at: str
    generation_seconds: float
    counts: dict[str, int]
    password: str
    stats_member: str
    upload_members: list[str]
    signin_member: str
    popular_topic: str
    detail_article: str
    reused: bool = False
    steps: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if k != "reused"})

    @classmethod
    def from_json(cls, data: str) -> "DatasetInfo":
        values = json.loads(data)
        values["scale"] = Scale(**values["scale"])
        return cls(**values)
