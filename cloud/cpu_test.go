package cloud_test

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The machines benchmarks run on are often shared with other builds, which
// makes wall time noisy; the CPU time a benchmark used is reported beside
// it (cpu-ms/op).

// selfCPU is the CPU time (user and system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is the CPU time another running process has used, from
// /proc/PID/stat (utime and stime, in clock ticks of 1/100 s).
func procCPU(pid int) time.Duration {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// reportCPU reports the CPU time used since start per operation.
func reportCPU(b *testing.B, unit string, used time.Duration, ops int) {
	b.ReportMetric(float64(used.Microseconds())/1000/float64(ops), unit)
}
