level: info
format: json
