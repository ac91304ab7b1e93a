"""Events the feedback service consumes: the directory (who may rate whom) and the periods."""

from kit.directory import EmployeeDirectory
from kit.periods import PeriodBook
from kit.runtime import ServiceRuntime


def register(runtime: ServiceRuntime, directory: EmployeeDirectory, periods: PeriodBook) -> None:
    """Subscribe the service's consumers."""
    directory.subscribe(runtime.consumers)
    periods.subscribe(runtime.consumers)
