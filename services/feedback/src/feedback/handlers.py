"""Events the feedback service consumes: only the directory, for rater eligibility."""

from kit.directory import EmployeeDirectory
from kit.runtime import ServiceRuntime


def register(runtime: ServiceRuntime, directory: EmployeeDirectory) -> None:
    """Subscribe the service's consumers."""
    directory.subscribe(runtime.consumers)
