package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSetStateMock(t *testing.T) {
	const existing = `{
  "StateMachines": {
    "M": {
      "TestCases": {
        "A": {"Call": "CallOK", "Other": "Call"},
        "B": {"Call": "CallOK"}
      }
    }
  },
  "MockedResponses": {
    "CallOK": {"0": {"Return": 1}},
    "Call": {"0": {"Return": 2}}
  }
}`
	tests := []struct {
		name, src, testCase, state, response string
		want, err                            string
	}{
		{name: "a new file", testCase: "Flow/Debug", state: "Call", response: `{"0": {"Return": {"x": 1}}}`, want: `{
  "StateMachines": {
    "Flow": {
      "TestCases": {
        "Debug": {
          "Call": "Call"
        }
      }
    }
  },
  "MockedResponses": {
    "Call": {
      "0": {
        "Return": {
          "x": 1
        }
      }
    }
  }
}
`},
		{name: "a shared response is changed in place", src: existing, testCase: "M/B", state: "Call", response: `{"0": {"Throw": {"Error": "E", "Cause": "c"}}}`, want: `{
  "StateMachines": {
    "M": {
      "TestCases": {
        "A": {
          "Call": "CallOK",
          "Other": "Call"
        },
        "B": {
          "Call": "CallOK"
        }
      }
    }
  },
  "MockedResponses": {
    "CallOK": {
      "0": {
        "Throw": {
          "Error": "E",
          "Cause": "c"
        }
      }
    },
    "Call": {
      "0": {
        "Return": 2
      }
    }
  }
}
`},
		{name: "a new state gets a response of a free name", src: existing, testCase: "M/B", state: "Call2", response: `{"0": {"Return": 3}}`, want: `{
  "StateMachines": {
    "M": {
      "TestCases": {
        "A": {
          "Call": "CallOK",
          "Other": "Call"
        },
        "B": {
          "Call": "CallOK",
          "Call2": "Call2"
        }
      }
    }
  },
  "MockedResponses": {
    "CallOK": {
      "0": {
        "Return": 1
      }
    },
    "Call": {
      "0": {
        "Return": 2
      }
    },
    "Call2": {
      "0": {
        "Return": 3
      }
    }
  }
}
`},
		{name: "removed", src: existing, testCase: "M/A", state: "Other", want: `{
  "StateMachines": {
    "M": {
      "TestCases": {
        "A": {
          "Call": "CallOK"
        },
        "B": {
          "Call": "CallOK"
        }
      }
    }
  },
  "MockedResponses": {
    "CallOK": {
      "0": {
        "Return": 1
      }
    },
    "Call": {
      "0": {
        "Return": 2
      }
    }
  }
}
`},
		{name: "not JSON", src: existing, testCase: "M/A", state: "Call", response: `{"0": `, err: "the mocked response is not JSON"},
		{name: "not calls", src: existing, testCase: "M/A", state: "Call", response: `{"Return": 1}`, err: `mock config: mocked response "CallOK": "Return" is not a call number or range like "1-2"`},
		{name: "no machine", src: existing, testCase: "A", state: "Call", response: `{"0": {"Return": 1}}`, err: `test case "A": want MACHINE/CASE`},
		{name: "an empty response", src: existing, testCase: "M/A", state: "Call", response: `{}`, err: "a mocked response maps call numbers to answers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := setStateMock([]byte(tt.src), tt.testCase, tt.state, tt.response)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestMockFile_stateMock(t *testing.T) {
	mf, err := loadMockFile("../testdata/examples/order-saga.mocks.json")
	if err != nil {
		t.Fatal(err)
	}
	sm := mf.stateMock("OrderSaga/HappyPath", "ValidateOrder")
	if sm.response != "ValidateOrderSuccess" || strings.Join(sm.sharedBy, ",") != "OrderSaga/PaymentFails" || !strings.HasPrefix(sm.json, "{\n  \"0\": {\n    \"Return\": {") {
		t.Errorf("%+v", sm)
	}
	if sm := mf.stateMock("OrderSaga/HappyPath", "RefundPayment"); sm.response != "" {
		t.Errorf("an unmocked state: %+v", sm)
	}
}

// TestMockEditor_failsAState mocks ChargePayment with an error in the
// State tab; the next run takes its Catch.
func TestMockEditor_failsAState(t *testing.T) {
	e, q := newSagaDebugger(t)
	e.selectState("ChargePayment")
	v := e.dbg.mockView
	if v == nil || v.state != "ChargePayment" {
		t.Fatalf("mock editor %+v", v)
	}
	if got, want := v.info.Text, "Response ChargeSuccess of test case OrderSaga/HappyPath in order-saga.mocks.json."; got != want {
		t.Errorf("info %q, want %q", got, want)
	}
	v.text.SetText(`{"0": {"Throw": {"Error": "Payment.Declined", "Cause": "card expired"}}}`)
	test.Tap(v.save)
	mf, err := loadMockFile(filepath.Join(filepath.Dir(e.path), "order-saga.mocks.json"))
	if err != nil {
		t.Fatal(err)
	}
	if sm := mf.stateMock("OrderSaga/HappyPath", "ChargePayment"); !strings.Contains(sm.json, `"Error": "Payment.Declined"`) {
		t.Fatalf("the file mocks ChargePayment with %s", sm.json)
	}
	press(e, fyne.KeyF5)
	q.next(t)
	rs := e.graph.Run
	if !rs.Caught["ChargePayment"] || !rs.Failed["RefundPayment"] || rs.Visited["ProcessItems"] {
		t.Errorf("caught %v, failed %v, visited %v", rs.Caught, rs.Failed, rs.Visited)
	}
}

// TestMockEditor_firstMock saves the first mock of a definition without
// mocks: a new mock file beside it, chosen for the next runs.
func TestMockEditor_firstMock(t *testing.T) {
	e, _ := newTestEditor(t, "approve.asl.json", callbackDef)
	e.selectState("Approve")
	v := e.dbg.mockView
	if got, want := v.info.Text, "No mocks are chosen: saving creates approve.mocks.json, test case Debug."; got != want {
		t.Errorf("info %q, want %q", got, want)
	}
	v.text.SetText(`{"0": {"Return": {"approved": true}}}`)
	test.Tap(v.save)
	c, err := loadRunConfig(e.path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Mocks != "approve.mocks.json" || c.TestCase != "approve/Debug" {
		t.Errorf("chosen %q %q", c.Mocks, c.TestCase)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(e.path), "approve.mocks.json")); err != nil {
		t.Fatal(err)
	}
	if got, want := v.info.Text, "Response Approve of test case approve/Debug in approve.mocks.json."; got != want {
		t.Errorf("info %q, want %q", got, want)
	}
	test.Tap(v.remove)
	if got, want := v.info.Text, "Test case approve/Debug of approve.mocks.json does not mock Approve."; got != want {
		t.Errorf("after removing, info %q, want %q", got, want)
	}
}
