"""Case files: cases under a legal framework, charges, evidence linked to the elements
of each crime, the element matrix, the gap list and the exculpatory material."""

from gavah.pipelines.cases.bulk import link_many
from gavah.pipelines.cases.casefile import CaseFile, build, gap_list, show
from gavah.pipelines.cases.manage import (
    charge,
    create,
    elements,
    framework,
    framework_ids,
    link,
    list_cases,
    unlink,
)

__all__ = ["CaseFile", "build", "charge", "create", "elements", "framework",
           "framework_ids", "gap_list",
           "link", "link_many", "list_cases", "show", "unlink"]
