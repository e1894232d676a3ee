"""The modality catalogue's schema of record: a pydantic model, and the checks that name the
field at fault. `catalogue.load_catalogue` validates with it; the records it returns are
`catalogue.Modality`, which needs no pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from paintrack import catalogue
from paintrack.errors import PaintrackError

Category = Literal["education", "movement", "psychological", "mind-body", "medication", "invasive", "technology"]
Fraction = Annotated[float, Field(ge=0, le=1)]
Weeks = Annotated[float, Field(gt=0, le=520)]
Text = Annotated[str, StringConstraints(min_length=1)]
ModalityId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class FieldProblem(ValueError):
    """A check across fields that names the field at fault (pydantic gives it no location)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class Modality(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    id: ModalityId
    name: Text
    category: Category
    mechanism: Text
    reduction_low: Fraction | None = None
    reduction_high: Fraction | None = None
    onset_weeks: Weeks | None = None
    full_effect_weeks: Weeks | None = None
    wanes_after_weeks: Weeks | None = None
    evidence: Text
    sources: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Modality:
        if (self.reduction_low is None) != (self.reduction_high is None):
            missing = "reduction_high" if self.reduction_high is None else "reduction_low"
            raise FieldProblem(missing, "give both reduction_low and reduction_high, or neither")
        if self.reduction_low is not None and self.reduction_low > self.reduction_high:
            raise FieldProblem("reduction_low", "reduction_low is larger than reduction_high")
        if self.has_estimate and self.full_effect_weeks is None:
            raise FieldProblem("full_effect_weeks", "a reduction needs full_effect_weeks (when it is reached)")
        if self.onset_weeks and self.full_effect_weeks and self.onset_weeks > self.full_effect_weeks:
            raise FieldProblem("onset_weeks", "onset_weeks is after full_effect_weeks")
        if any(not s.strip() for s in self.sources):
            raise FieldProblem("sources", "a source is blank")
        return self

    @property
    def has_estimate(self) -> bool:
        return self.reduction_low is not None


def parse_catalogue(raw: dict, path: Path | str = "modalities.toml") -> dict[str, catalogue.Modality]:
    """Validate every table of the TOML; id → record, in file order, or a PaintrackError."""
    checked: dict[str, catalogue.Modality] = {}
    for modality_id, table in raw.items():
        if not isinstance(table, dict):
            raise PaintrackError(f"{path}: {modality_id!r} is not a table of fields")
        if "id" in table:
            raise PaintrackError(
                f"{path}: modality {modality_id!r}, field 'id': the id is the table's name; remove the field"
            )
        try:
            model = Modality(id=modality_id, **table)
        except ValidationError as e:
            first = e.errors()[0]
            problem = (first.get("ctx") or {}).get("error")
            if isinstance(problem, FieldProblem):
                field, message = problem.field, str(problem)
            else:
                field = ".".join(str(p) for p in first["loc"] if not isinstance(p, int)) or "id"
                message = first["msg"]
            raise PaintrackError(
                f"{path}: modality {modality_id!r}, field {field!r}: {message}",
                hint="fix data/modalities.toml (every number needs its source)",
            ) from None
        checked[modality_id] = catalogue.Modality(**model.model_dump())
    return checked
