"""The modality catalogue's schema of record (pydantic), and the checks that name the field at
fault. `catalogue_file.load_catalogue` validates with it; the records it hands out are
`domain.catalogue.Modality`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from paintrack.domain.catalogue import NUMERIC_FIELDS
from paintrack.errors import PaintrackError

Fraction = Annotated[float, Field(ge=0, le=1)]
Weeks = Annotated[float, Field(gt=0, le=520)]
Text = Annotated[str, StringConstraints(min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class FieldProblem(ValueError):
    """A check across fields that names the field at fault (pydantic gives it no location)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, strict=True)


class Source(Model):
    key: Text
    authors: str = ""
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    title: Text
    journal: Text | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")] | None = None
    quote: Text
    supports: list[Text] = Field(min_length=1)
    verified: bool
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    where: Text | None = None
    derivation: Text | None = None

    @model_validator(mode="after")
    def _checked(self) -> Source:
        if self.verified and not (self.doi or self.pmid or self.url):
            raise FieldProblem("sources", f"source {self.key!r} is marked verified but has no DOI, PMID or URL")
        return self


class Responders(Model):
    definition: Text
    week: Weeks
    share: Fraction
    control_share: Fraction | None = None
    control: Text | None = None


class Harm(Model):
    what: Text
    share: Fraction
    week: Weeks | None = None


class ArticleClaim(Model):
    text: Text
    reduction_low: Fraction | None = None
    reduction_high: Fraction | None = None


class Modality(Model):
    name: Text
    category: Literal["education", "movement", "psychological", "mind-body", "medication", "invasive", "technology"]
    mechanism: Text
    population: Text
    comparator: Text
    certainty: Literal["high", "moderate", "low", "very low"] | None = None
    # why the certainty is what it is when no cited review rated it (the catalogue's judgement)
    certainty_basis: Text | None = None
    reduction_low: Fraction | None = None
    reduction_high: Fraction | None = None
    control_reduction: Fraction | None = None
    control_arm: Annotated[str, StringConstraints(min_length=1, max_length=60)] | None = None
    timecourse: list[Annotated[list[Annotated[float, Field(ge=0, le=520)]], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list
    )
    wanes_after_weeks: Weeks | None = None
    advanced: bool = False
    population_pain: Annotated[list[Annotated[float, Field(ge=0, le=10)]], Field(min_length=2, max_length=2)] | None = None
    population_sites: list[Text] = Field(default_factory=list)
    responders: list[Responders] = Field(default_factory=list)
    harms: list[Harm] = Field(default_factory=list)
    article_claim: ArticleClaim | None = None
    tested_with: list[Id] = Field(default_factory=list)
    aliases: list[Id] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Modality:
        if (self.reduction_low is None) != (self.reduction_high is None):
            missing = "reduction_high" if self.reduction_high is None else "reduction_low"
            raise FieldProblem(missing, "give both reduction_low and reduction_high, or neither")
        if self.reduction_low is not None and self.reduction_high is not None:
            if self.reduction_low > self.reduction_high:
                raise FieldProblem("reduction_low", "reduction_low is larger than reduction_high")
            if not self.timecourse:
                raise FieldProblem("timecourse", "a reduction needs its time course")
        if self.control_reduction is not None and self.reduction_high is None:
            raise FieldProblem("control_reduction", "a comparator's reduction needs the treated arm's")
        if (self.control_reduction is None) != (self.control_arm is None):
            raise FieldProblem("control_arm", "control_reduction and control_arm (its short name) go together")
        if self.timecourse:
            weeks = [w for w, _ in self.timecourse]
            if weeks[0] == 0 and self.timecourse[0][1] != 0:
                raise FieldProblem("timecourse", "the time course starts at [0, 0]")
            if weeks != sorted(set(weeks)):
                raise FieldProblem("timecourse", "the weeks of the time course must increase")
            shares = [s for _, s in self.timecourse]
            if any(not 0 <= s <= 1 for s in shares) or shares != sorted(shares) or shares[-1] != 1.0:
                raise FieldProblem("timecourse", "the time course rises to 1.0 (its full effect) and ends there")
        if self.population_pain and self.population_pain[0] > self.population_pain[1]:
            raise FieldProblem("population_pain", "the lower pain bound is above the upper one")
        supported = {f for s in self.sources for f in s.supports}
        for name in NUMERIC_FIELDS:
            value = getattr(self, name)
            present = value is not None and value != [] and not (
                name == "article_claim" and value is not None
                and value.reduction_low is None and value.reduction_high is None
            )
            if present and name not in supported:
                raise FieldProblem(name, f"{name} has no source (list it in a source's `supports`)")
        if self.article_claim is not None and any(s.verified for s in self.sources if "article_claim" in s.supports):
            raise FieldProblem("article_claim", "the article's claim is backed by the article, which is unverified")
        return self


def check(tables: dict[str, Any], path: Path | str = "modalities.toml") -> None:
    """Validate every table of the TOML, or raise a PaintrackError naming the modality and field."""
    for modality_id, table in tables.items():
        where = f"{path}: modality {modality_id!r}"
        if not isinstance(table, dict):
            raise PaintrackError(f"{path}: {modality_id!r} is not a table of fields")
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", modality_id):
            raise PaintrackError(f"{where}: the id must be lower-case letters, digits and hyphens")
        try:
            Modality.model_validate(table)
        except ValidationError as e:
            first = e.errors()[0]
            problem = (first.get("ctx") or {}).get("error")
            if isinstance(problem, FieldProblem):
                field, message = problem.field, str(problem)
            else:
                field = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or "table"
                message = first["msg"]
            raise PaintrackError(f"{where}, field {field!r}: {message}",
                                 hint="fix data/modalities.toml (every number needs its source)") from None
    ids = set(tables)
    for modality_id, table in tables.items():
        for name in ("tested_with", "aliases"):
            for other in table.get(name, ()):
                if name == "tested_with" and other not in ids:
                    raise PaintrackError(f"{path}: modality {modality_id!r}, field {name!r}: {other!r} is not in the catalogue")
                if name == "aliases" and other in ids:
                    raise PaintrackError(f"{path}: modality {modality_id!r}, field 'aliases': {other!r} is an id already")
