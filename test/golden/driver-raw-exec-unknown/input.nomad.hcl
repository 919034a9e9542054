# A report generator installed on the node by hand: no image is known to provide it. It keeps
# past reports in a directory of the node.
job "reports" {
  datacenters = ["dc1"]
  type        = "batch"

  periodic {
    crons = ["30 6 * * 1"]
  }

  group "reports" {
    task "weekly" {
      driver = "raw_exec"

      config {
        command = "/opt/reports/bin/weekly-report"
        args    = ["--out", "${NOMAD_ALLOC_DIR}/data/report.pdf", "--mail-to", "ops@example.com"]
      }

      env {
        REPORT_ARCHIVE = "/mnt/reports/archive"
      }

      resources {
        cpu    = 300
        memory = 256
      }
    }
  }
}
