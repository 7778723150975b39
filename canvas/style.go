package canvas

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"

	"baton/model"
)

// typeStyle is how one state type looks: its accent colour and an icon
// (SVG path data in a 24×24 box, filled with the accent, even-odd rule).
type typeStyle struct {
	Accent color.NRGBA
	Icon   string
}

// typeStyles maps a state type to its look; unknown types use "".
var typeStyles = map[string]typeStyle{
	model.TypeTask:     {rgb(0x2f7de1), "M13 2L4 14h7l-1 8 9-12h-7z"},
	model.TypePass:     {rgb(0x6f7782), "M4 11h12l-4-4 1.4-1.4L20 12l-6.6 6.4L12 17l4-4H4z"},
	model.TypeChoice:   {rgb(0xc98204), "M12 2L22 12 12 22 2 12zM12 5.5L5.5 12 12 18.5 18.5 12z"},
	model.TypeWait:     {rgb(0x8e5bd0), "M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20zM12 4.5a7.5 7.5 0 1 1 0 15 7.5 7.5 0 1 1 0-15zM11 7h2v5.2l3.5 2.1-1 1.7-4.5-2.7z"},
	model.TypeSucceed:  {rgb(0x2e9d4e), "M9 16.2L4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"},
	model.TypeFail:     {rgb(0xd64545), "M19 6.4L17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"},
	model.TypeParallel: {rgb(0x1f9aa8), "M4 4h3v16H4zM10.5 4h3v16h-3zM17 4h3v16h-3z"},
	model.TypeMap:      {rgb(0xc2508b), "M3 3h8v8H3zM13 3h8v8h-8zM3 13h8v8H3zM13 13h8v8h-8z"},
	"":                 {rgb(0x888888), "M11 7h2v7h-2zM11 16h2v2h-2z"},
}

func styleOf(stateType string) typeStyle {
	if s, ok := typeStyles[stateType]; ok {
		return s
	}
	return typeStyles[""]
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// hexColor formats c as #rrggbb for SVG.
func hexColor(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
}

// mix returns a blended fraction t of the way from a to b.
func mix(a, b color.Color, t float32) color.NRGBA {
	x := color.NRGBAModel.Convert(a).(color.NRGBA)
	y := color.NRGBAModel.Convert(b).(color.NRGBA)
	f := func(p, q uint8) uint8 { return uint8(float32(p) + (float32(q)-float32(p))*t + 0.5) }
	return color.NRGBA{R: f(x.R, y.R), G: f(x.G, y.G), B: f(x.B, y.B), A: f(x.A, y.A)}
}

// iconResources caches one SVG resource per state type.
var iconResources = map[string]fyne.Resource{}

// iconResource returns the type's icon as an SVG resource in its accent.
func iconResource(stateType string) fyne.Resource {
	key := stateType
	if _, ok := typeStyles[key]; !ok {
		key = ""
	}
	if r, ok := iconResources[key]; ok {
		return r
	}
	s := typeStyles[key]
	name := strings.ToLower(key)
	if name == "" {
		name = "unknown"
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path fill-rule="evenodd" fill="` +
		hexColor(s.Accent) + `" d="` + s.Icon + `"/></svg>`
	r := fyne.NewStaticResource("baton-"+name+".svg", []byte(svg))
	iconResources[key] = r
	return r
}

// Subtitle is the second line of a state's box: the service and action of
// a Task ("Lambda: Invoke", "SQS: SendMessage (callback)"), else the type.
func Subtitle(s *model.State) string {
	if s == nil {
		return ""
	}
	if s.Type != model.TypeTask || s.Resource == "" {
		return s.Type
	}
	return resourceLabel(s.Resource)
}

// serviceNames spells AWS service prefixes as people write them.
var serviceNames = map[string]string{
	"lambda": "Lambda", "sns": "SNS", "sqs": "SQS", "dynamodb": "DynamoDB", "ecs": "ECS",
	"states": "Step Functions", "events": "EventBridge", "http": "HTTP", "glue": "Glue",
	"batch": "Batch", "s3": "S3", "athena": "Athena", "sagemaker": "SageMaker", "eks": "EKS",
	"apigateway": "API Gateway", "bedrock": "Bedrock", "codebuild": "CodeBuild", "emr": "EMR",
}

// integrationSuffixes name the service integration patterns.
var integrationSuffixes = map[string]string{
	".sync": " (sync)", ".sync:2": " (sync)", ".waitForTaskToken": " (callback)",
}

// resourceLabel turns a Task's Resource ARN into "Service: Action".
func resourceLabel(arn string) string {
	if strings.HasPrefix(arn, "arn:") && strings.Contains(arn, ":function:") {
		return "Lambda: " + arn[strings.LastIndex(arn, ":function:")+len(":function:"):]
	}
	if strings.Contains(arn, ":activity:") {
		return "Activity: " + arn[strings.LastIndex(arn, ":")+1:]
	}
	rest, ok := strings.CutPrefix(arn, "arn:aws:states:::")
	if !ok {
		if i := strings.Index(arn, ":::"); i >= 0 {
			rest, ok = arn[i+3:], true
		}
	}
	if !ok {
		return "Task"
	}
	suffix := ""
	for s := range integrationSuffixes {
		if strings.HasSuffix(rest, s) && len(s) > len(suffix) {
			suffix = s
		}
	}
	note := integrationSuffixes[suffix]
	rest = strings.TrimSuffix(rest, suffix)
	parts := strings.Split(rest, ":")
	if parts[0] == "aws-sdk" && len(parts) >= 3 {
		parts = parts[1:]
	}
	if len(parts) < 2 {
		return "Task"
	}
	svc := serviceNames[parts[0]]
	if svc == "" {
		svc = parts[0]
	}
	action := parts[len(parts)-1]
	if action != "" {
		action = strings.ToUpper(action[:1]) + action[1:]
	}
	return svc + ": " + action + note
}

// elide shortens s to at most n characters, ending in "…".
func elide(s string, n int) string {
	if n < 1 {
		return ""
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n == 1 {
		return "…"
	}
	return string(r[:n-1]) + "…"
}

// TypeIcon returns the icon drawn in boxes of the given state type.
func TypeIcon(stateType string) fyne.Resource { return iconResource(stateType) }
