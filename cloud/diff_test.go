package cloud_test

import (
	"fmt"
	"strings"
	"testing"

	"baton/cloud"
	"baton/model"
)

func TestDiff(t *testing.T) {
	remote := `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Next":"B"},
"B":{"Type":"Parallel","Branches":[{"StartAt":"C","States":{"C":{"Type":"Pass","End":true}}}],"End":true},"Old":{"Type":"Succeed"}}}`
	local := `StartAt: A
Comment: new
States:
  A: {Type: Task, Resource: "arn:aws:lambda:${Region}:${Account}:function:f", Next: B, TimeoutSeconds: 5}
  B:
    Type: Parallel
    End: true
    Branches:
      - StartAt: C
        States:
          C: {Type: Pass, Result: 1, End: true}
          D: {Type: Succeed}
`
	d, err := cloud.Diff([]byte(local), []byte(remote), map[string]string{"Region": "us-east-1", "Account": "123456789012"})
	if err != nil {
		t.Fatal(err)
	}
	var summary []string
	for _, s := range d.States {
		summary = append(summary, fmt.Sprintf("%s %s %v", s.State, s.Change, s.Fields))
	}
	want := []string{" changed [Comment]", "A changed [TimeoutSeconds]", "B changed [Branches]", "C changed [Result]", "D added []", "Old removed []"}
	if strings.Join(summary, "\n") != strings.Join(want, "\n") {
		t.Errorf("summary:\n%s", strings.Join(summary, "\n"))
	}
	wantDiff := ` {
+  "Comment": "new",
   "StartAt": "A",
   "States": {
     "A": {
       "Next": "B",
       "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
+      "TimeoutSeconds": 5,
       "Type": "Task"
     },
     "B": {
       "Branches": [
         {
           "StartAt": "C",
           "States": {
             "C": {
               "End": true,
+              "Result": 1,
               "Type": "Pass"
+            },
+            "D": {
+              "Type": "Succeed"
             }
           }
         }
       ],
       "End": true,
       "Type": "Parallel"
-    },
-    "Old": {
-      "Type": "Succeed"
     }
   }
 }
`
	if got := d.Unified(); got != wantDiff {
		t.Errorf("diff:\n%s", got)
	}
	if d.Same() {
		t.Error("Same() on different definitions")
	}
	// Without the values, the placeholders are drift.
	d, _ = cloud.Diff([]byte(local), []byte(remote), nil)
	if d.States[1].Fields[0] != "Resource" {
		t.Errorf("placeholders unresolved: %+v", d.States[1])
	}
}

func TestDiff_SameAfterReformatting(t *testing.T) {
	a := `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1.0,"End":true}}}`
	b := "States:\n  A:\n    End: true\n    Result: 1\n    Type: Pass\nStartAt: A\n"
	d, err := cloud.Diff([]byte(a), []byte(b), nil)
	if err != nil || !d.Same() || len(d.States) != 0 {
		t.Fatalf("%v %+v", err, d)
	}
}

func TestSubstitute_Missing(t *testing.T) {
	values, err := cloud.LoadValues("v.json", []byte(`{"DefinitionSubstitutions": {"Bucket": "b1", "Count": 3}}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := cloud.Diff([]byte(`{"Comment":"${Bucket}/${Count}/${Nope}/${Nope}","StartAt":"A","States":{"A":{"Type":"Succeed"}}}`),
		[]byte(`{"Comment":"b1/3/${Nope}/${Nope}","StartAt":"A","States":{"A":{"Type":"Succeed"}}}`), values)
	if err != nil || !d.Same() {
		t.Fatalf("%v %+v", err, d)
	}
	doc, _ := model.Parse("", []byte(`{"${Nope}":"${Bucket}-${Zed}-${Nope}"}`))
	if missing := cloud.Substitute(doc.Root, values); fmt.Sprint(missing) != "[Nope Zed]" || string(model.MarshalCompactJSON(doc.Root)) != `{"${Nope}":"b1-${Zed}-${Nope}"}` {
		t.Fatalf("missing %v, result %s", missing, model.MarshalCompactJSON(doc.Root))
	}
	if _, err := cloud.LoadValues("v.json", []byte(`{"A": [1]}`)); err == nil || err.Error() != "v.json:1:7: the value of A must be a string, number or boolean, not array" {
		t.Fatalf("bad values: %v", err)
	}
}
